#!/bin/bash
# LocalStack init hook (ready stage): fails loudly when a service the stack needs is not available in this image/tier,
# so `npm run test:localstack` reports it (it reads /_localstack/init) instead of a half-deployed stack.
set -euo pipefail
required="kinesis firehose dynamodb s3 sqs sns lambda apigateway cloudformation iam sts logs events"
health="$(curl -sf http://localhost:4566/_localstack/health)"
missing=""
for service in $required; do
  state="$(printf '%s' "$health" | python3 -c "import json,sys; print(json.load(sys.stdin)['services'].get('$service','missing'))")"
  case "$state" in
    available|running) ;;
    *) missing="$missing $service($state)" ;;
  esac
done
if [ -n "$missing" ]; then
  echo "streaming-reference: services not available:$missing" >&2
  exit 1
fi
echo "streaming-reference: all required services available"
