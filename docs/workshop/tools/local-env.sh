# Workshop helper: `source docs/workshop/tools/local-env.sh` exports the running local cloud's API URL, API key and SDK endpoints.
# npm start writes them to .local/cloud.json; the AWS CLI and SDKs then reach the local cloud through AWS_ENDPOINT_URL*.
_cloud_file="${CLOUD_FILE:-.local/cloud.json}"
if [ ! -f "$_cloud_file" ]; then
  echo "No $_cloud_file: start the local cloud first (npm start), from the project root." >&2
  return 1 2>/dev/null || exit 1
fi
eval "$(node -e '
  const cloud = require(require("node:path").resolve(process.argv[1]));
  const vars = { API_URL: cloud.apiUrl, API_KEY: cloud.apiKey, STAGE: cloud.stage, ...cloud.sdkEnv };
  vars.AWS_DEFAULT_REGION = vars.AWS_REGION; // AWS CLI v1 reads AWS_DEFAULT_REGION only
  for (const [name, value] of Object.entries(vars)) if (value !== undefined) console.log(`export ${name}=${JSON.stringify(String(value))}`);
' "$_cloud_file")"
export STACK="streaming-reference-${STAGE}"
unset _cloud_file
echo "API_URL=$API_URL  STACK=$STACK  (SDK/CLI endpoints: $AWS_ENDPOINT_URL)"
