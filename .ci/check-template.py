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
          "POST /public/exports/{token}"}
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
    else:
        check(f"{name}: sparse keys-only byPurge index",
              len(purge) == 1 and purge[0]["Projection"]["ProjectionType"] == "KEYS_ONLY")

for name, bucket in by_type("AWS::S3::Bucket").items():
    p = bucket["Properties"]
    sse = p.get("BucketEncryption", {}).get("ServerSideEncryptionConfiguration", [{}])[0].get("ServerSideEncryptionByDefault", {})
    check(f"{name}: SSE-KMS with the register key", sse.get("SSEAlgorithm") == "aws:kms"
          and sse.get("KMSMasterKeyID") == {"Fn::GetAtt": ["RegisterKey", "Arn"]})
    rules = p.get("LifecycleConfiguration", {}).get("Rules", [])
    # how long each bucket may keep an object: raw mail 7 days; an export its 7-day link plus the lifecycle's day
    max_days = {"InboundMailBucket": 7, "ExportBucket": 8}.get(name, 7)
    check(f"{name}: objects expire within {max_days} days", any(r.get("ExpirationInDays", 999) <= max_days for r in rules))
    check(f"{name}: noncurrent versions expire too",
          p.get("VersioningConfiguration", {}).get("Status") != "Enabled"
          or any(r.get("NoncurrentVersionExpiration", {}).get("NoncurrentDays", 999) <= 1 for r in rules))
    check(f"{name}: public access blocked", all(p.get("PublicAccessBlockConfiguration", {}).get(k) for k in
          ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")))
    policies = [b for b in by_type("AWS::S3::BucketPolicy").values() if b["Properties"]["Bucket"] == {"Ref": name}]
    tls = any(st.get("Effect") == "Deny" and st.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
              for b in policies for st in b["Properties"]["PolicyDocument"]["Statement"])
    check(f"{name}: TLS only", tls)
rules = by_type("AWS::SES::ReceiptRule")
check("SES receipt rule: S3 then Lambda, TLS required, scanning on", any(
    [list(a.keys())[0] for a in r["Properties"]["Rule"]["Actions"]] == ["S3Action", "LambdaAction"]
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

with open("samconfig.toml", "rb") as f:
    samconfig = tomllib.load(f)
for env in ("default", "prod"):
    region = samconfig[env]["deploy"]["parameters"].get("region")
    check(f"samconfig {env} deploys to an EU region", region in EU, str(region))

failed = len(results) - sum(results)
print(f"template: {sum(results)} passed, {failed} failed")
sys.exit(1 if failed else 0)
