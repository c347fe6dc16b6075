#!/usr/bin/env python3
"""Checks template.yaml the way a deploy would see it, without AWS: cfn-lint, the SAM
transform (aws-sam-translator), and the rules the privacy notice and DESIGN.md set on the
result. Prints one line per check and closes with 'template: N passed, N failed'."""
import json
import os
import subprocess
import sys
import tomllib

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

# The translator asks boto for a region; the deploy region is eu-west-1 (samconfig.toml).
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
EU = {"eu-west-1", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2"}
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok or not detail else f": {detail}"))


class NoManagedPolicies:
    """The template names no AWS managed policies by name; nothing to look up."""
    def load(self):
        return {}


lint = subprocess.run(["cfn-lint", "--format", "parseable", "template.yaml"], capture_output=True, text=True)
check("cfn-lint template.yaml", lint.returncode == 0, (lint.stdout + lint.stderr).strip()[:2000])

with open("template.yaml", encoding="utf-8") as f:
    template = yaml_parse(f.read())
# `sam package` replaces local CodeUris with S3 locations before CloudFormation sees them.
packaged = json.loads(json.dumps(template))
for res in packaged["Resources"].values():
    if res.get("Type") == "AWS::Serverless::Function":
        res["Properties"]["CodeUri"] = "s3://packaged-artifacts/customers-api.zip"
try:
    cfn = transform(packaged, {}, NoManagedPolicies())
    check("SAM transform", True)
except Exception as e:  # the translator raises its own error types
    check("SAM transform", False, str(e)[:2000])
    print(f"template: {sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(1)

resources = cfn["Resources"]
by_type = lambda t: {k: v for k, v in resources.items() if v["Type"] == t}

functions = by_type("AWS::Lambda::Function")
check("functions exist", len(functions) > 0)
for name, fn in functions.items():
    props = fn["Properties"]
    check(f"{name}: java21 runtime", props.get("Runtime") == "java21", props.get("Runtime"))
    check(f"{name}: SnapStart on published versions",
          props.get("SnapStart", {}).get("ApplyOn") == "PublishedVersions")
    check(f"{name}: tracing active", props.get("TracingConfig", {}).get("Mode") == "Active")
aliases = by_type("AWS::Lambda::Alias")
check("published alias 'live'", any(a["Properties"].get("Name") == "live" for a in aliases.values()))

# Routes: SAM puts HTTP API routes into the Api's OpenAPI body; each one must use the JWT authorizer.
apis = by_type("AWS::ApiGatewayV2::Api")
check("one HTTP API", len(apis) == 1)
body = next(iter(apis.values()))["Properties"].get("Body", {})
declared = set()
for fn in template["Resources"].values():
    if fn.get("Type") == "AWS::Serverless::Function":
        for ev in fn["Properties"].get("Events", {}).values():
            if ev["Type"] == "HttpApi":
                declared.add((ev["Properties"]["Method"].lower(), ev["Properties"]["Path"]))
in_api = set()
unsecured = []
for path, item in body.get("paths", {}).items():
    for method, op in item.items():
        in_api.add((method, path))
        if not any("StaffJwt" in s for s in op.get("security", [])):
            unsecured.append(f"{method.upper()} {path}")
PUBLIC = {"GET /form", "GET /privacy-notice", "POST /public/requests", "GET /public/verify", "POST /public/verify",
          "GET /public/exports/{token}",
          "POST /public/exports/{token}", "GET /console", "GET /console/{asset}"}
check("every template route is in the HTTP API", declared == in_api, str(declared ^ in_api))
check("every staff route uses the JWT authorizer; only the public routes are open",
      set(unsecured) == PUBLIC, str(set(unsecured) ^ PUBLIC))
settings = next(iter(apis.values()))
stage = next(iter(by_type("AWS::ApiGatewayV2::Stage").values()), {}).get("Properties", {})
throttled = set(stage.get("RouteSettings", {}).keys())
check("every public route is throttled on its own", PUBLIC <= throttled, str(PUBLIC - throttled))


# EU guard: evaluate the Rules assertion and every FindInMap [EuRegions, AWS::Region, ..] per region.
def rule_allows(region):
    for rule in template.get("Rules", {}).values():
        for assertion in rule.get("Assertions", []):
            allowed, ref = assertion["Assert"]["Fn::Contains"]
            if ref != {"Ref": "AWS::Region"}:
                raise ValueError("unexpected assertion")
            if region not in allowed:
                return False
    return True


def map_allows(region):
    return region in template["Mappings"]["EuRegions"]


uses_map = [k for k, v in template["Resources"].items() if "EuRegions" in json.dumps(v)]
for region in ["us-east-1", "eu-west-2", "eu-central-2", "ap-northeast-1"]:
    check(f"deploying to {region} fails", not rule_allows(region) and not map_allows(region))
for region in ["eu-west-1", "eu-north-1"]:
    check(f"deploying to {region} passes", rule_allows(region) and map_allows(region))
check("mapped regions are EU/EEA only", set(template["Mappings"]["EuRegions"]) <= EU)
for k, v in template["Resources"].items():
    if v["Type"] in ("AWS::DynamoDB::Table", "AWS::KMS::Key", "AWS::Serverless::Function"):
        check(f"{k} looks its region up in EuRegions", k in uses_map)

for name, table in by_type("AWS::DynamoDB::Table").items():
    p = table["Properties"]
    check(f"{name}: on-demand", p.get("BillingMode") == "PAY_PER_REQUEST")
    sse = p.get("SSESpecification", {})
    check(f"{name}: SSE with the customer-managed key",
          sse.get("SSEEnabled") is True and sse.get("SSEType") == "KMS" and sse.get("KMSMasterKeyId") == {"Ref": "RegisterKey"})
    check(f"{name}: PITR on", p.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled") is True)
    check(f"{name}: deletion protection", p.get("DeletionProtectionEnabled") is True and table.get("DeletionPolicy") == "Retain")
    purge = [i for i in p.get("GlobalSecondaryIndexes", []) if i["IndexName"] == "byPurge"]
    if name == "SuppressionTable":
        check(f"{name}: kept, so no purge index", not purge)
    elif name == "JobsTable":
        check(f"{name}: checkpoints only (no personal data), so no purge index", not purge)
    elif name == "ErasureLedgerTable":
        # ids and a hash, expired by TTL beyond the backups' 35 days (decision 0017)
        check(f"{name}: no purge index, entries expire by TTL", not purge
              and p.get("TimeToLiveSpecification", {}).get("Enabled") is True)
    else:
        # keys plus only what the purge judges by, never personal content (docs/decisions/0016)
        check(f"{name}: sparse byPurge index projecting keys and the purge's judgement only",
              len(purge) == 1 and purge[0]["Projection"]["ProjectionType"] in ("KEYS_ONLY", "INCLUDE")
              and set(purge[0]["Projection"].get("NonKeyAttributes", []))
              <= {"holdUntil", "minimisedAt"})

for name, bucket in by_type("AWS::S3::Bucket").items():
    p = bucket["Properties"]
    sse = p.get("BucketEncryption", {}).get("ServerSideEncryptionConfiguration", [{}])[0].get("ServerSideEncryptionByDefault", {})
    check(f"{name}: SSE-KMS with the register key", sse.get("SSEAlgorithm") == "aws:kms"
          and sse.get("KMSMasterKeyID") == {"Fn::GetAtt": ["RegisterKey", "Arn"]})
    rules = p.get("LifecycleConfiguration", {}).get("Rules", [])
    # how long each bucket may keep an object: raw mail 7 days; an export its 7-day link plus the lifecycle's day
    # the audit digests are kept longer than the audit (24 months) under Object Lock, then expire (decision 0012)
    max_days = {"InboundMailBucket": 7, "ExportBucket": 8, "AuditDigestBucket": 1100}.get(name, 7)
    check(f"{name}: objects expire within {max_days} days", any(r.get("ExpirationInDays", 999) <= max_days for r in rules))
    check(f"{name}: noncurrent versions expire too",
          p.get("VersioningConfiguration", {}).get("Status") != "Enabled"
          or any(r.get("NoncurrentVersionExpiration", {}).get("NoncurrentDays", 999) <= (max_days if name ==
                 "AuditDigestBucket" else 1) for r in rules))
    check(f"{name}: public access blocked", all(p.get("PublicAccessBlockConfiguration", {}).get(k) for k in
          ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")))
    policies = [b for b in by_type("AWS::S3::BucketPolicy").values() if b["Properties"]["Bucket"] == {"Ref": name}]
    tls = any(st.get("Effect") == "Deny" and st.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
              for b in policies for st in b["Properties"]["PolicyDocument"]["Statement"])
    check(f"{name}: TLS only", tls)
digest_lock = resources.get("AuditDigestBucket", {}).get("Properties", {}).get("ObjectLockConfiguration", {})
retention = digest_lock.get("Rule", {}).get("DefaultRetention", {})
check("AuditDigestBucket: Object Lock in compliance mode, kept longer than the audit's 24 months",
      digest_lock.get("ObjectLockEnabled") == "Enabled" and retention.get("Mode") == "COMPLIANCE"
      and retention.get("Days", 0) > 731, str(retention))
audit_writes = set()
for fname, fn in template["Resources"].items():
    if fn.get("Type") != "AWS::Serverless::Function":
        continue
    for pol in fn["Properties"].get("Policies", []):
        for st in pol.get("Statement", []) if isinstance(pol, dict) else []:
            res = st.get("Resource")
            res = res if isinstance(res, list) else [res]
            if {"Fn::GetAtt": ["AuditTable", "Arn"]} in res:
                acts = st["Action"] if isinstance(st["Action"], list) else [st["Action"]]
                audit_writes |= {(fname, a) for a in acts if a in
                                 ("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem")}
check("Audit table append-only: only the purge may delete (conditionally), no function updates or batch-writes",
      audit_writes <= {("RetentionPurgeFunction", "dynamodb:DeleteItem")}, str(audit_writes))
rules = by_type("AWS::SES::ReceiptRule")
# issue 13: SES only stores the mail; the bucket's notification starts the intake (bucket and key, no mail content)
check("SES receipt rule: S3 only (the bucket's notification starts the intake), TLS required, scanning on", any(
    [list(a.keys())[0] for a in r["Properties"]["Rule"]["Actions"]] == ["S3Action"]
    and r["Properties"]["Rule"].get("TlsPolicy") == "Require" and r["Properties"]["Rule"].get("ScanEnabled")
    for r in rules.values()))

wide = []
for name, res in resources.items():
    if res["Type"] in ("AWS::IAM::Role", "AWS::IAM::Policy"):
        policies = res["Properties"].get("Policies", [])
        if res["Type"] == "AWS::IAM::Policy":
            policies = [res["Properties"]]
        for pol in policies:
            for st in pol["PolicyDocument"]["Statement"]:
                actions = st["Action"] if isinstance(st["Action"], list) else [st["Action"]]
                resources_ = st.get("Resource", [])
                resources_ = resources_ if isinstance(resources_, list) else [resources_]
                if any(a in ("dynamodb:*", "*") for a in actions) or (
                        any(a.startswith("dynamodb:") for a in actions) and "*" in resources_):
                    wide.append(f"{name}: {actions}")
check("no IAM statement grants dynamodb:* or DynamoDB on every resource", not wide, "; ".join(wide))

# ---- issue 13: no event is lost silently, and someone hears when something fails (decision 0010) ----
def ref_id(value):
    """The logical id a Ref or GetAtt names (an alias's function for a SAM alias)."""
    if isinstance(value, dict):
        if "Ref" in value:
            target = value["Ref"]
        elif "Fn::GetAtt" in value:
            att = value["Fn::GetAtt"]
            target = att[0] if isinstance(att, list) else att.split(".")[0]
        else:
            return None
        res = resources.get(target, {})
        if res.get("Type") == "AWS::Lambda::Alias":
            return ref_id(res["Properties"]["FunctionName"])
        if res.get("Type") == "AWS::Lambda::Version":
            return ref_id(res["Properties"]["FunctionName"])
        return target
    return None


queues = by_type("AWS::SQS::Queue")
topics = by_type("AWS::SNS::Topic")
alarms = by_type("AWS::CloudWatch::Alarm")
alarm_topic = [k for k, t in topics.items() if any(
    s_.get("Protocol") == "email" and s_.get("Endpoint") == {"Ref": "RegisterContactEmail"}
    for s_ in [r["Properties"] for r in by_type("AWS::SNS::Subscription").values()
               if ref_id(r["Properties"]["TopicArn"]) == k])]
check("an SNS topic mails the register contact person (RegisterContactEmail)", len(alarm_topic) == 1, str(alarm_topic))
for name, topic in topics.items():
    check(f"{name}: KMS-encrypted with the register key", topic["Properties"].get("KmsMasterKeyId") == {"Ref": "RegisterKey"})

ASYNC_PRINCIPALS = {"s3.amazonaws.com", "sns.amazonaws.com", "ses.amazonaws.com", "events.amazonaws.com"}
invoke_configs = {ref_id(c["Properties"]["FunctionName"]): c["Properties"]
                  for c in by_type("AWS::Lambda::EventInvokeConfig").values()}
async_functions = set()
for perm in by_type("AWS::Lambda::Permission").values():
    if perm["Properties"].get("Principal") in ASYNC_PRINCIPALS:
        async_functions.add(ref_id(perm["Properties"]["FunctionName"]))
check("some functions are invoked asynchronously (S3, SNS)", len(async_functions) >= 2, str(async_functions))
destinations = set()
for fn in sorted(async_functions):
    cfg = invoke_configs.get(fn, {})
    dest = cfg.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
    destinations.add(ref_id(dest))
    check(f"{fn}: its asynchronous events have an on-failure destination, retries bounded",
          ref_id(dest) in queues and cfg.get("MaximumRetryAttempts", 99) <= 2
          and cfg.get("MaximumEventAgeInSeconds", 99999) <= 21600, str(cfg))
for name, mapping in by_type("AWS::Lambda::EventSourceMapping").items():
    dest = mapping["Properties"].get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
    destinations.add(ref_id(dest))
    check(f"{name}: stream mapping parks a failing batch (on-failure destination)", ref_id(dest) in queues)
schedules = by_type("AWS::Scheduler::Schedule")
check("schedules exist", len(schedules) >= 2)
for name, sch in schedules.items():
    target = sch["Properties"]["Target"]
    dlq = target.get("DeadLetterConfig", {}).get("Arn")
    destinations.add(ref_id(dlq))
    check(f"{name}: retry policy and dead-letter queue", ref_id(dlq) in queues
          and target.get("RetryPolicy", {}).get("MaximumRetryAttempts") is not None)
check("no SES receipt rule invokes a function directly (its event would carry the mail)", not any(
    "LambdaAction" in a for r in rules.values() for a in r["Properties"]["Rule"]["Actions"]))
check("every queue is a failure destination", set(queues) == destinations - {None}, str(set(queues) ^ destinations))
for name, q in queues.items():
    p_ = q["Properties"]
    check(f"{name}: KMS with the register key, kept 14 days", p_.get("KmsMasterKeyId") == {"Ref": "RegisterKey"}
          and p_.get("MessageRetentionPeriod") == 1209600)


def alarm_on(namespace, metric, dimension_value):
    found = []
    for a_name, a in alarms.items():
        p_ = a["Properties"]
        dims = [d["Value"] for d in p_.get("Dimensions", [])]
        if p_.get("Namespace") == namespace and p_.get("MetricName") == metric and dimension_value in dims:
            found.append(p_)
    return found


def to_the_person(p_):
    return any(ref_id(a) in alarm_topic for a in p_.get("AlarmActions", []))


for name, q in queues.items():
    found = alarm_on("AWS/SQS", "ApproximateNumberOfMessagesVisible", {"Fn::GetAtt": [name, "QueueName"]})
    check(f"{name}: an alarm when anything is parked (depth > 0) that mails the contact person",
          any(p_["Threshold"] == 0 and p_["ComparisonOperator"] == "GreaterThanThreshold" and to_the_person(p_)
              for p_ in found))
for name in functions:
    for metric in ("Errors", "Throttles"):
        found = alarm_on("AWS/Lambda", metric, {"Ref": name})
        check(f"{name}: {metric} alarm that mails the contact person",
              any(p_["Threshold"] == 0 and to_the_person(p_) for p_ in found))
for metric in ("PurgeErrors", "PurgeComplete", "RequestsOverdue", "UnprocessedMailOldestAgeSeconds",
               "ParkedMailOlderThanADay"):
    check(f"alarm on {metric}", any(a["Properties"].get("MetricName") == metric and to_the_person(a["Properties"])
                                    for a in alarms.values()))
check("alarm on a missed purge run (no report for more than a day, missing data breaches)", any(
    a["Properties"].get("MetricName") == "PurgeComplete" and a["Properties"].get("TreatMissingData") == "breaching"
    and 86400 < a["Properties"]["Period"] * a["Properties"]["EvaluationPeriods"] <= 604800 for a in alarms.values()))
check("alarm when the oldest unprocessed mail is older than an hour", any(
    a["Properties"].get("MetricName") == "UnprocessedMailOldestAgeSeconds" and a["Properties"]["Threshold"] == 3600
    for a in alarms.values()))
for metric in ("Reputation.BounceRate", "Reputation.ComplaintRate"):
    check(f"alarm on SES {metric}", any(a["Properties"].get("Namespace") == "AWS/SES"
                                        and a["Properties"].get("MetricName") == metric for a in alarms.values()))
with open("README.md", encoding="utf-8") as f:
    readme = f.read()
for a_name, a in alarms.items():
    p_ = a["Properties"]
    short = p_["AlarmName"]["Fn::Sub"].replace("customer-register-${Stage}-", "")
    check(f"{a_name} ({short}): says what to do and has a runbook section in the README",
          "Do:" in p_.get("AlarmDescription", "") and f'"{short}"' in p_.get("AlarmDescription", "")
          and f"#### {short}" in readme and to_the_person(p_) and bool(p_.get("OKActions")))

# the raw-mail lifecycle expires only mail the intake marked processed (tag intake=processed)
inbound = resources["InboundMailBucket"]["Properties"]
EXPIRING = ("ExpirationInDays", "ExpirationDate", "NoncurrentVersionExpiration", "NoncurrentVersionExpirationInDays",
            "Transitions", "Transition", "NoncurrentVersionTransitions")
unsafe = []
for rule in inbound.get("LifecycleConfiguration", {}).get("Rules", []):
    expires = any(k in rule for k in EXPIRING)
    tags = {(t["Key"], t["Value"]) for t in rule.get("TagFilters", [])}
    if expires and ("intake", "processed") not in tags:
        unsafe.append(rule.get("Id"))
check("InboundMailBucket: no lifecycle rule can expire mail the intake has not marked processed", not unsafe, str(unsafe))
check("InboundMailBucket: processed mail expires within 7 days", any(
    r.get("ExpirationInDays", 999) <= 7 and {"Key": "intake", "Value": "processed"} in r.get("TagFilters", [])
    for r in inbound["LifecycleConfiguration"]["Rules"]))

# the staff console (issue 16, decision 0014): every account that can read the register signs in with a second factor,
# the console's client runs the authorization code flow (PKCE, no secret) back to the console only
pool = resources["UserPool"]["Properties"]
check("UserPool: MFA required (ON), TOTP", pool.get("MfaConfiguration") == "ON"
      and pool.get("EnabledMfas") == ["SOFTWARE_TOKEN_MFA"])
client = resources["UserPoolClient"]["Properties"]
check("UserPoolClient: code flow only, no secret, callback and sign-out back to /console/index.html",
      client.get("AllowedOAuthFlows") == ["code"] and client.get("GenerateSecret") is False
      and client.get("CallbackURLs") == [{"Fn::Sub": "${PublicBaseUrl}/console/index.html"}]
      and client.get("LogoutURLs") == client.get("CallbackURLs"))
check("UserPoolDomain: the hosted sign-in of the pool", resources.get("UserPoolDomain", {}).get("Properties", {})
      .get("UserPoolId") == {"Ref": "UserPool"})

with open("samconfig.toml", "rb") as f:
    samconfig = tomllib.load(f)
for env in ("default", "prod"):
    region = samconfig[env]["deploy"]["parameters"].get("region")
    check(f"samconfig {env} deploys to an EU region", region in EU, str(region))

failed = len(results) - sum(results)
print(f"template: {sum(results)} passed, {failed} failed")
sys.exit(1 if failed else 0)
