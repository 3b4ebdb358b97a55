#!/bin/sh
# Builds CareLoop's start-up archive (class data sharing): the packaged jar extracted into plain jars,
# a training start that loads what a real start loads, and a static AppCDS archive of those classes.
# A start with the archive maps the classes instead of reading, verifying and loading each one from
# the jars: a third off the extracted jar's time to ready (docs/benchmarks.md, "Start-up with the
# image's archive").
#
#   cds-archive.sh <CareLoop's packaged jar> <directory to create> [<directory holding config/>]
#
# The training start reads the deployable configuration (config/application.yaml: rules, templates,
# content) from the third argument's config/, by default the current directory's, as CareLoop does.
# Leaves <directory>/careloop.jar (with lib/ beside it) and <directory>/careloop.jsa. Start with
#   java -XX:SharedArchiveFile=<directory>/careloop.jsa -jar <directory>/careloop.jar
# An archive belongs to the JVM that made it and to these jars: build it where CareLoop runs (the
# image, with the image's JVM) and again with every new jar. With -Xshare:auto (the default) a JVM
# that cannot use it starts without it; -Xshare:on makes it stop instead.
set -eu

jar=$1
out=$2
home=$(cd "${3:-.}" && pwd)
java=${JAVA:-java}
[ -f "$home/config/application.yaml" ] || { echo "cds-archive.sh: no config/application.yaml in $home" >&2; exit 1; }

# Thrown away with the training start: it must only look like a real secret to start.
secret() { head -c 48 /dev/urandom | base64 | tr -d '\n'; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -e "$out" ] && [ ! -f "$out/careloop.jar" ]; then
  echo "cds-archive.sh: $out exists and is not an earlier output of this script: not replaced" >&2
  exit 1
fi
rm -rf "$out"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$work/extracted"
mkdir -p "$(dirname "$out")"
mv "$work/extracted" "$out"
app_jar=$(ls "$out"/*.jar)
mv "$app_jar" "$out/careloop.jar"

# The training start: CareLoop's context is built (configuration, Hibernate, HAPI, the content
# library, Tomcat's servlets) and the JVM exits before anything starts (spring.context.exit), on an
# in-memory database with placeholder settings: it connects to nothing and keeps nothing.
(cd "$home" && "$java" -XX:DumpLoadedClassList="$work/careloop.classlist" -Dspring.context.exit=onRefresh \
  -jar "$out/careloop.jar" \
  --spring.datasource.url="jdbc:h2:mem:training;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  --careloop.ehr.base-url=http://ehr.invalid/fhir \
  --careloop.subscriptions.endpoint=http://careloop.invalid/fhir \
  --careloop.security.issuer-uri=http://issuer.invalid \
  --careloop.security.audience=careloop \
  --careloop.security.token-endpoint=http://issuer.invalid/token \
  --careloop.subscriptions.secret="$(secret)" \
  --careloop.contact-keys.secret="$(secret)" \
  > "$work/training.log" 2>&1) || { cat "$work/training.log" >&2; echo "cds-archive.sh: the training start failed" >&2; exit 1; }

# Lambda proxies out: dumping them crashes some JDK 17 builds
# (SystemDictionaryShared::adjust_lambda_proxy_class_dictionary); they are made at run time as without
# an archive.
grep -v '^@lambda' "$work/careloop.classlist" > "$work/careloop.classes"
"$java" -Xshare:dump -XX:SharedClassListFile="$work/careloop.classes" -XX:SharedArchiveFile="$out/careloop.jsa" \
  -cp "$out/careloop.jar" > "$work/dump.log" 2>&1 || { tail -50 "$work/dump.log" >&2; echo "cds-archive.sh: the dump failed" >&2; exit 1; }
echo "cds-archive.sh: $out/careloop.jar with $out/careloop.jsa"
