# SAM's makefile build (template.yaml: Metadata BuildMethod: makefile). Each function is one
# shaded jar; the Java runtime puts /var/task/lib/*.jar on the classpath.

build-CustomersApiFunction:
	mvn -B -q -DskipTests -pl functions/customers-api -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/customers-api/target/customers-api.jar "$(ARTIFACTS_DIR)/lib/"

build-PublicRequestsFunction:
	mvn -B -q -DskipTests -pl functions/public-requests -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/public-requests/target/public-requests.jar "$(ARTIFACTS_DIR)/lib/"

build-RequestsApiFunction:
	mvn -B -q -DskipTests -pl functions/requests-api -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/requests-api/target/requests-api.jar "$(ARTIFACTS_DIR)/lib/"

build-DeadlineMonitorFunction:
	mvn -B -q -DskipTests -pl functions/deadline-monitor -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/deadline-monitor/target/deadline-monitor.jar "$(ARTIFACTS_DIR)/lib/"

build-EmailIntakeFunction:
	mvn -B -q -DskipTests -pl functions/email-intake -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/email-intake/target/email-intake.jar "$(ARTIFACTS_DIR)/lib/"

build-RequestFulfilmentFunction:
	mvn -B -q -DskipTests -pl functions/request-fulfilment -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/request-fulfilment/target/request-fulfilment.jar "$(ARTIFACTS_DIR)/lib/"

build-RetentionPurgeFunction:
	mvn -B -q -DskipTests -pl functions/retention-purge -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/retention-purge/target/retention-purge.jar "$(ARTIFACTS_DIR)/lib/"

build-MailFeedbackFunction:
	mvn -B -q -DskipTests -pl functions/mail-feedback -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/mail-feedback/target/mail-feedback.jar "$(ARTIFACTS_DIR)/lib/"

build-IntakeWatchFunction:
	mvn -B -q -DskipTests -pl functions/intake-watch -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/intake-watch/target/intake-watch.jar "$(ARTIFACTS_DIR)/lib/"

build-ConsoleFunction:
	mvn -B -q -DskipTests -pl functions/console -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/console/target/console.jar "$(ARTIFACTS_DIR)/lib/"

build-ReapplyErasuresFunction:
	mvn -B -q -DskipTests -pl functions/reapply-erasures -am package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/reapply-erasures/target/reapply-erasures.jar "$(ARTIFACTS_DIR)/lib/"
