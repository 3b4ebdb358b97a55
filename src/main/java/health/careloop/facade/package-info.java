/**
 * CareLoop's FHIR REST façade ({@code /fhir}): the {@code RestfulServer}, and what integrators call.
 *
 * <p>Errors are HAPI exceptions, which HAPI returns as OperationOutcomes. Their messages start with
 * a stable code:
 * <ul>
 *   <li>CL-2001 unknown CommunicationRequest status code; CL-2002 status of another code system</li>
 *   <li>CL-2003 malformed occurrence date; CL-2004 unsupported occurrence prefix, modifier or OR list</li>
 *   <li>CL-2005 reference of the wrong type (patient, subject, appointment); CL-2006 chain or modifier
 *       on a reference; CL-2007 unsupported token modifier; CL-2008 a _ parameter or _sort CareLoop does not honour;
 *       CL-2009 negative _offset or _count</li>
 *   <li>CL-2010 no such CommunicationRequest (404); CL-2011 a control character (a NUL, say) in the path
 *       or a parameter, on any interaction</li>
 *   <li>Task (CareLoop's referral Tasks): CL-2040 unknown Task status code; CL-2041 no such Task (404);
 *       and as above CL-2002, CL-2003 and CL-2004 (on _lastUpdated), CL-2005, CL-2006 (patient, focus),
 *       CL-2007, CL-2008, CL-2009</li>
 *   <li>{@code $preview}: CL-2020 not exactly one of appointment / appointmentReference; CL-2021
 *       inline resource not an Appointment; CL-2022 unusable appointmentReference; CL-2023 the EHR
 *       has no such Appointment (422); CL-2024 reference to another server (422); CL-2025 the EHR
 *       cannot be reached or answers with an error (503); CL-2026 a participant reference with no id or
 *       on another server (422)</li>
 *   <li>{@code $sync}: CL-2030 since is not an instant; CL-2031 since is in the future; CL-2025 the EHR
 *       cannot be reached or answers with an error (503)</li>
 * </ul>
 */
package health.careloop.facade;
