// The real AWS JavaScript SDKs as a test oracle for `awslint explain` (tests/test_js_differential.py).
//
// Reads one JSON document on stdin: {"cases": [{"sdk": "v3" | "v2", "env": {...}}, ...]}. Each case
// runs with exactly `env` as process.env (plus PATH and HOME): the files come from AWS_CONFIG_FILE /
// AWS_SHARED_CREDENTIALS_FILE, the profile from AWS_PROFILE. Writes one JSON list on stdout, one
// answer per case: the credentials the SDK's default chain returns (and, for roles, which keys
// signed each AssumeRole), or the error it throws; and the region a client resolves.
//
// No call leaves this process: http.request / https.request are redirected to a fake AWS served
// by this process on 127.0.0.1. STS and SSO answer with made-up keys that say what was assumed
// and with which key it was signed; the instance metadata service refuses every request.
"use strict";

const http = require("http");
const https = require("https");
const { URL } = require("url");

const realHttpRequest = http.request;
let port = 0;
let issued = 0;
const issuedKeys = {}; // key id we handed out -> {action, arn, signer}

function redirect(protocol) {
  return function request(...args) {
    let url;
    let options = {};
    let callback;
    if (typeof args[0] === "string" || args[0] instanceof URL) {
      url = new URL(args[0]);
      if (typeof args[1] === "function") callback = args[1];
      else { options = args[1] || {}; callback = args[2]; }
    } else {
      options = args[0] || {};
      callback = args[1];
    }
    const host = url ? url.hostname : options.hostname || options.host || "localhost";
    const path = url ? url.pathname + url.search : options.path || "/";
    const headers = Object.assign({}, options.headers || {}, { "x-oracle-host": String(host), "x-oracle-protocol": protocol });
    delete headers.host;
    delete headers.Host;
    return realHttpRequest({ host: "127.0.0.1", port, method: options.method || "GET", path, headers }, callback);
  };
}

function getter(requestFunction) {
  return (...args) => {
    const request = requestFunction(...args);
    request.end();
    return request;
  };
}

http.request = redirect("http:");
https.request = redirect("https:");
http.get = getter(http.request);
https.get = getter(https.request);

function issue(action, arn, signer) {
  issued += 1;
  const key = `${action === "AssumeRole" ? "ROLE" : "WEBID"}-${issued}`;
  issuedKeys[key] = { action, arn, signer };
  return key;
}

function stsAnswer(body, headers) {
  const form = new URLSearchParams(body);
  const action = form.get("Action");
  const arn = form.get("RoleArn");
  const match = /Credential=([^/,\s]+)\//.exec(headers.authorization || "");
  const signer = match ? match[1] : null;
  const key = issue(action, arn, signer);
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>` +
    `<Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>fake-secret</SecretAccessKey>` +
    `<SessionToken>fake-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
    `<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/oracle/s</Arn><AssumedRoleId>AROAORACLE:s</AssumedRoleId></AssumedRoleUser>` +
    `</${action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`;
}

function serve(request, response) {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const host = request.headers["x-oracle-host"] || "";
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url, "http://oracle");
    if (host === "169.254.169.254" || host.includes("fd00:ec2")) {
      request.socket.destroy(); // instance metadata: refused
      return;
    }
    if (host.startsWith("sts.")) {
      response.writeHead(200, { "content-type": "text/xml" });
      response.end(stsAnswer(body, request.headers));
      return;
    }
    if (host.startsWith("portal.sso.")) {
      const key = `SSO-${url.searchParams.get("account_id")}-${url.searchParams.get("role_name")}`;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ roleCredentials: { accessKeyId: key, secretAccessKey: "fake-secret", sessionToken: "fake-token", expiration: 4070908800000 } }));
      return;
    }
    if (host === "169.254.170.2" || host === "127.0.0.1" || host === "localhost") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ AccessKeyId: "CONTAINER", SecretAccessKey: "fake-secret", Token: "fake-token", Expiration: "2099-01-01T00:00:00Z" }));
      return;
    }
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ message: `the oracle does not fake ${host}` }));
  });
}

/** The issued key's chain: [{action, arn}, ...] from the outermost role, then the signing key. */
function unwind(key) {
  const chain = [];
  let current = key;
  while (current && issuedKeys[current] && chain.length < 100) {
    const step = issuedKeys[current];
    chain.push({ action: step.action, arn: step.arn });
    current = step.signer;
  }
  return { chain, leaf: current };
}

function describeError(error) {
  if (!error) return null;
  return {
    name: error.constructor && error.constructor.name ? error.constructor.name : String(error.name),
    message: String(error.message || error).split("\n")[0].slice(0, 300),
    tryNextLink: error.tryNextLink === undefined ? null : Boolean(error.tryNextLink),
  };
}

const BASE_ENV = { PATH: process.env.PATH, HOME: process.env.HOME };

async function runV3(sdk) {
  const answer = {};
  try {
    const credentials = await sdk.fromNodeProviderChain()();
    answer.key = credentials.accessKeyId;
    Object.assign(answer, unwind(credentials.accessKeyId));
  } catch (error) {
    answer.error = describeError(error);
  }
  try {
    const client = new sdk.STSClient({});
    answer.region = await client.config.region();
  } catch (error) {
    answer.region = null;
    answer.region_error = describeError(error);
  }
  return answer;
}

async function runV2(AWS) {
  const answer = {};
  try {
    const chain = new AWS.CredentialProviderChain();
    const credentials = await chain.resolvePromise();
    answer.key = credentials.accessKeyId;
    Object.assign(answer, unwind(credentials.accessKeyId));
  } catch (error) {
    answer.error = describeError(error);
  }
  try {
    answer.region = new AWS.Config().region || null;
  } catch (error) {
    answer.region = null;
    answer.region_error = describeError(error);
  }
  return answer;
}

async function main() {
  const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const server = http.createServer(serve);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = server.address().port;
  // A role with mfa_serial rejects before its source's promise settles: that rejection is not
  // the answer (the chain's own error is), and must not end the process.
  process.on("unhandledRejection", () => {});
  console.warn = () => {}; // the v3 "multiple credential sources" warning; v2's maintenance notice
  const v3 = {
    fromNodeProviderChain: require("@aws-sdk/credential-providers").fromNodeProviderChain,
    STSClient: require("@aws-sdk/client-sts").STSClient,
  };
  let AWS = null;
  const answers = [];
  for (const item of input.cases) {
    // In place: native code (os.homedir(), child processes) reads the real environment.
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, BASE_ENV, item.env);
    if (item.sdk === "v2") {
      AWS = AWS || require("aws-sdk");
      answers.push(await runV2(AWS));
    } else {
      answers.push(await runV3(v3));
    }
  }
  server.close();
  // Exit only once the whole answer is written: a pipe takes it in 64 KiB pieces.
  await new Promise((resolve) => process.stdout.write(JSON.stringify(answers), resolve));
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`oracle failed: ${error && error.stack}\n`);
    process.exit(3);
  },
);
