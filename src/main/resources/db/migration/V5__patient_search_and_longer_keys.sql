-- Integrators search a patient's plan ordered by due time (the façade's CommunicationRequest?patient=).
create index ix_planned_message_patient_due on planned_message (patient_id, due_at);
-- A guardian's "moved" key names the appointment, the patient, the guardian and the new slot:
-- with 64-character FHIR ids it can pass 255 characters.
alter table planned_message alter column message_key set data type varchar(500);
