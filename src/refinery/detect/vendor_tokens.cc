// The vendor token table and its scanner. Formats come from the vendors' documentation and
// from public scanner rule sets (TruffleHog detectors, gitleaks rules,
// mazen160/secrets-patterns-db, Yelp/detect-secrets); prefixes and alphabets are facts about the
// formats, not copied code.
#include "refinery/detect/vendor_tokens.h"

#include <algorithm>
#include <cstring>

namespace refinery::pii {

namespace {

using A = TokenAlphabet;

// One row per format. The prefix is matched literally (case-sensitive); the tail must fill
// [min, max] characters of the alphabet and end at a non-token character.
const VendorToken kTable[] = {
    // Cloud providers.
    {"aws_access_key", "AKIA", A::kUpperDigit, 16, 16, kApiKey},
    {"aws_temp_key", "ASIA", A::kUpperDigit, 16, 16, kApiKey},
    {"aws_key_abia", "ABIA", A::kUpperDigit, 16, 16, kApiKey},
    {"aws_key_acca", "ACCA", A::kUpperDigit, 16, 16, kApiKey},
    {"aws_key_a3t", "A3T", A::kUpperDigit, 17, 17, kApiKey},
    {"aws_bedrock_key", "ABSKQmVkcm9ja0FQSUtleS", A::kBase64, 100, 200, kApiKey},
    {"google_api", "AIza", A::kB64Url, 35, 35, kApiKey},
    {"google_oauth", "ya29.", A::kB64Url, 20, 400, kAuthToken},
    {"google_oauth_client_secret", "GOCSPX-", A::kB64Url, 28, 28, kApiKey},
    {"azure_storage", "AccountKey=", A::kBase64, 86, 88, kApiKey},
    {"azure_ad_client_secret", "Q~", A::kB64UrlDotTilde, 31, 34, kApiKey, "", 4,
     A::kB64UrlDotTilde},
    {"alibaba", "LTAI", A::kAlnum, 20, 24, kApiKey},
    {"yandex_api_key", "AQVN", A::kB64Url, 35, 38, kApiKey},
    {"digitalocean_pat", "dop_v1_", A::kHexLower, 64, 64, kApiKey},
    {"digitalocean_oauth", "doo_v1_", A::kHexLower, 64, 64, kAuthToken},
    {"digitalocean_refresh", "dor_v1_", A::kHexLower, 64, 64, kAuthToken},
    {"cloudflare_origin_ca", "v1.0-", A::kHexDash, 171, 171, kApiKey},
    {"heroku_v2", "HRKU-", A::kB64Url, 58, 64, kApiKey},
    {"fly_io", "fm2_", A::kBase64, 40, 1000, kAuthToken},
    {"fly_io_macaroon_a", "fm1a_", A::kBase64, 100, 1000, kAuthToken},
    {"fly_io_macaroon_r", "fm1r_", A::kBase64, 100, 1000, kAuthToken},
    {"fly_io_org", "fo1_", A::kB64Url, 43, 43, kAuthToken},
    {"tailscale", "tskey-", A::kAlnumDash, 30, 100, kApiKey},
    {"netlify", "nfp_", A::kAlnum, 36, 36, kApiKey},
    {"render", "rnd_", A::kAlnum, 32, 32, kApiKey},
    {"supabase_pat", "sbp_", A::kHexLower, 40, 40, kApiKey},
    {"supabase_secret", "sb_secret_", A::kB64Url, 31, 64, kApiKey},
    {"terraform_cloud", ".atlasv1.", A::kB64UrlEq, 60, 70, kApiKey, "", 14, A::kLowerDigit},
    {"vault_service", "hvs.", A::kB64Url, 24, 200, kAuthToken},
    {"vault_batch", "hvb.", A::kB64Url, 24, 300, kAuthToken},
    {"doppler_personal", "dp.pt.", A::kAlnum, 40, 44, kApiKey},
    {"doppler_service", "dp.st.", A::kAlnum, 40, 44, kApiKey},
    {"doppler_cli", "dp.ct.", A::kAlnum, 40, 44, kApiKey},
    {"doppler_service_account", "dp.sa.", A::kAlnum, 40, 44, kApiKey},
    {"doppler_scim", "dp.scim.", A::kAlnum, 40, 44, kApiKey},
    {"doppler_audit", "dp.audit.", A::kAlnum, 40, 44, kApiKey},
    {"pulumi", "pul-", A::kHexLower, 40, 40, kApiKey},
    {"planetscale_token", "pscale_tkn_", A::kB64UrlDotEq, 32, 64, kApiKey},
    {"planetscale_oauth", "pscale_oauth_", A::kB64UrlDotEq, 32, 64, kAuthToken},
    {"planetscale_password", "pscale_pw_", A::kB64UrlDotEq, 32, 64, kPassword},
    {"databricks", "dapi", A::kHexLower, 32, 32, kApiKey},
    {"dynatrace", "dt0c01.", A::kB64UrlDot, 80, 100, kApiKey},
    {"new_relic_user", "NRAK-", A::kUpperDigit, 27, 27, kApiKey},
    {"new_relic_insert", "NRII-", A::kAlnumDash, 32, 32, kApiKey},
    {"new_relic_browser", "NRJS-", A::kHexLower, 19, 19, kApiKey},
    {"grafana_service", "glsa_", A::kAlnumUs, 41, 41, kApiKey},
    {"grafana_api_key", "eyJrIjoi", A::kBase64, 70, 400, kApiKey},
    // A JWT base64-encoded once more ("eyJ" -> "ZXlK").
    {"jwt_base64", "ZXlK", A::kBase64, 40, 4000, kAuthToken},
    {"grafana_cloud", "glc_", A::kB64UrlEq, 32, 400, kApiKey},
    {"sentry_org", "sntrys_", A::kBase64Us, 50, 500, kAuthToken},
    {"sentry_user", "sntryu_", A::kHexLower, 64, 64, kAuthToken},
    {"age_secret_key", "AGE-SECRET-KEY-1", A::kUpperDigit, 58, 58, kPrivateKey},
    {"onepassword_service", "ops_eyJ", A::kBase64, 200, 2000, kAuthToken},
    // 1Password account secret key: A3-XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX (or 6-5 in the middle).
    {"onepassword_secret_key", "A3-", A::kUpperDigitDash, 36, 37, kApiKey},
    {"clickhouse_cloud", "4b1d", A::kAlnum, 38, 38, kApiKey},
    {"defined_networking", "dnkey-", A::kB64UrlEq, 79, 79, kApiKey},
    {"openshift_user", "sha256~", A::kB64Url, 43, 43, kAuthToken},
    {"intra42_ud", "s-s4t2ud-", A::kHex, 64, 64, kApiKey},
    {"intra42_af", "s-s4t2af-", A::kHex, 64, 64, kApiKey},
    {"settlemint_application", "sm_aat_", A::kAlnum, 16, 16, kAuthToken},
    {"settlemint_personal", "sm_pat_", A::kAlnum, 16, 16, kAuthToken},
    {"settlemint_service", "sm_sat_", A::kAlnum, 16, 16, kAuthToken},
    {"yandex_aws_key", "YC", A::kB64Url, 38, 38, kApiKey},
    {"yandex_access", "t1.", A::kB64UrlDotEq, 88, 400, kAuthToken},
    // MaxMind license keys end in a literal: <6>_<29>_mmk.
    {"maxmind_license", "_mmk", A::kAlnum, 0, 0, kApiKey, "", 36, A::kAlnumUs},
    // Source hosting, registries and CI.
    {"github_pat", "ghp_", A::kAlnum, 36, 36, kApiKey, "", 0, A::kAlnum,
     TokenChecksum::kGithubCrc32},
    {"github_oauth", "gho_", A::kAlnum, 36, 36, kAuthToken, "", 0, A::kAlnum,
     TokenChecksum::kGithubCrc32},
    {"github_user_token", "ghu_", A::kAlnum, 36, 36, kAuthToken, "", 0, A::kAlnum,
     TokenChecksum::kGithubCrc32},
    {"github_server_token", "ghs_", A::kAlnum, 36, 36, kAuthToken, "", 0, A::kAlnum,
     TokenChecksum::kGithubCrc32},
    {"github_refresh_token", "ghr_", A::kAlnum, 36, 76, kAuthToken},
    {"github_fine_grained", "github_pat_", A::kAlnumUs, 60, 100, kApiKey},
    {"gitlab_pat", "glpat-", A::kB64UrlDot, 20, 300, kApiKey},
    {"gitlab_deploy", "gldt-", A::kB64UrlDot, 20, 300, kApiKey},
    {"gitlab_runner", "glrt-", A::kB64UrlDot, 20, 300, kApiKey},
    {"gitlab_runner_registration", "GR1348941", A::kB64Url, 20, 20, kApiKey},
    {"gitlab_pipeline_trigger", "glptt-", A::kHexLower, 40, 40, kApiKey},
    {"gitlab_ci_build", "glcbt-", A::kB64Url, 20, 100, kApiKey},
    {"gitlab_oauth_secret", "gloas-", A::kB64Url, 64, 64, kApiKey},
    {"gitlab_agent", "glagent-", A::kB64Url, 50, 100, kApiKey},
    {"gitlab_incoming_mail", "glimt-", A::kB64Url, 25, 25, kApiKey},
    {"gitlab_feed", "glft-", A::kB64Url, 20, 20, kApiKey},
    {"gitlab_feature_flag", "glffct-", A::kB64Url, 20, 20, kApiKey},
    {"gitlab_scim", "glsoat-", A::kB64Url, 20, 20, kApiKey},
    {"gitlab_session", "_gitlab_session=", A::kLowerDigit, 32, 32, kAuthToken},
    {"bitbucket_app_password", "ATBB", A::kAlnum, 32, 32, kApiKey},
    {"atlassian", "ATATT3", A::kB64UrlEq, 150, 250, kApiKey},
    {"npm", "npm_", A::kAlnum, 36, 36, kApiKey},
    {"pypi", "pypi-AgEIcHlwaS5vcmc", A::kB64Url, 50, 1000, kApiKey},
    {"rubygems", "rubygems_", A::kHexLower, 48, 48, kApiKey},
    {"nuget", "oy2", A::kLowerDigit, 43, 43, kApiKey},
    {"clojars", "CLOJARS_", A::kAlnum, 60, 60, kApiKey},
    {"docker_hub_pat", "dckr_pat_", A::kB64Url, 27, 40, kApiKey},
    {"docker_hub_org", "dckr_oat_", A::kB64Url, 27, 40, kApiKey},
    {"jfrog_api_key", "AKCp", A::kAlnum, 69, 69, kApiKey},
    {"jfrog_reference", "cmVmd", A::kAlnum, 59, 64, kApiKey},
    {"circleci", "CCIPAT_", A::kAlnumUs, 40, 60, kApiKey},
    {"buildkite", "bkua_", A::kHexLower, 40, 40, kApiKey},
    {"octopus_deploy", "API-", A::kUpperDigit, 26, 26, kApiKey},
    {"harness", "pat.", A::kB64UrlDot, 60, 80, kApiKey},
    {"harness_sat", "sat.", A::kB64UrlDot, 60, 80, kApiKey},
    {"sourcegraph", "sgp_", A::kAlnumUs, 40, 64, kApiKey},
    {"postman", "PMAK-", A::kHexDash, 59, 59, kApiKey},
    {"linear", "lin_api_", A::kAlnum, 40, 40, kApiKey},
    {"figma", "figd_", A::kB64Url, 40, 40, kApiKey},
    {"prefect", "pnu_", A::kAlnum, 36, 36, kApiKey},
    {"readme", "rdme_", A::kLowerDigit, 70, 70, kApiKey},
    {"typeform", "tfp_", A::kB64UrlDotEq, 59, 59, kApiKey},
    {"contentful", "CFPAT-", A::kB64Url, 43, 43, kApiKey},
    {"frameio", "fio-u-", A::kB64UrlEq, 64, 64, kApiKey},
    {"infracost", "ico-", A::kAlnum, 32, 32, kApiKey},
    {"scalingo", "tk-us-", A::kB64Url, 48, 48, kApiKey},
    {"notion", "ntn_", A::kAlnum, 40, 50, kApiKey},
    {"notion_legacy", "secret_", A::kAlnum, 43, 43, kApiKey},
    // AI services.
    {"openai_project", "sk-proj-", A::kB64Url, 40, 200, kApiKey},
    {"openai_service_account", "sk-svcacct-", A::kB64Url, 40, 200, kApiKey},
    {"openai_admin", "sk-admin-", A::kB64Url, 40, 200, kApiKey},
    {"openai_user", "sk-None-", A::kB64Url, 40, 200, kApiKey},
    {"anthropic", "sk-ant-", A::kB64Url, 80, 130, kApiKey},
    {"openrouter", "sk-or-v1-", A::kHexLower, 64, 64, kApiKey},
    {"openai_legacy", "sk-", A::kAlnum, 48, 48, kApiKey},
    {"deepseek", "sk-", A::kHexLower, 32, 32, kApiKey},
    {"huggingface", "hf_", A::kAlnum, 30, 40, kApiKey},
    {"huggingface_org", "api_org_", A::kLetters, 34, 34, kApiKey},
    {"groq", "gsk_", A::kAlnum, 52, 52, kApiKey},
    {"perplexity", "pplx-", A::kAlnum, 48, 48, kApiKey},
    {"xai", "xai-", A::kAlnum, 80, 80, kApiKey},
    {"replicate", "r8_", A::kAlnum, 37, 37, kApiKey},
    {"pinecone", "pcsk_", A::kAlnumUs, 60, 100, kApiKey},
    {"langsmith_personal", "lsv2_pt_", A::kHexLowerUs, 43, 43, kApiKey},
    {"langsmith_service", "lsv2_sk_", A::kHexLowerUs, 43, 43, kApiKey},
    // Messaging, mail and social.
    {"slack_bot", "xoxb-", A::kAlnumDash, 20, 160, kAuthToken},
    {"slack_user", "xoxp-", A::kAlnumDash, 20, 160, kAuthToken},
    {"slack_app", "xoxa-", A::kAlnumDash, 8, 160, kAuthToken},
    {"slack_refresh", "xoxr-", A::kAlnumDash, 8, 160, kAuthToken},
    {"slack_session", "xoxs-", A::kAlnumDash, 20, 160, kAuthToken},
    {"slack_legacy", "xoxo-", A::kAlnumDash, 20, 160, kAuthToken},
    {"slack_config", "xoxe.xox", A::kAlnumDash, 20, 200, kAuthToken},
    {"slack_config_refresh", "xoxe-", A::kAlnumDash, 20, 160, kAuthToken},
    {"slack_app_level", "xapp-", A::kAlnumDash, 20, 160, kAuthToken},
    {"slack_webhook", "hooks.slack.com/services/", A::kUrlPath, 30, 100, kApiKey},
    {"slack_workflow_webhook", "hooks.slack.com/workflows/", A::kUrlPath, 30, 100, kApiKey},
    {"slack_trigger_webhook", "hooks.slack.com/triggers/", A::kUrlPath, 30, 100, kApiKey},
    {"discord_webhook", "discord.com/api/webhooks/", A::kUrlPath, 40, 140, kApiKey},
    {"discord_webhook_legacy", "discordapp.com/api/webhooks/", A::kUrlPath, 40, 140, kApiKey},
    {"teams_webhook", ".webhook.office.com/webhookb2/", A::kUrlPathAt, 120, 220, kApiKey},
    {"sendgrid", "SG.", A::kB64UrlDotEq, 66, 66, kApiKey},
    {"brevo", "xkeysib-", A::kAlnumDash, 81, 81, kApiKey},
    {"mailgun", "key-", A::kLowerDigit, 32, 32, kApiKey},
    {"mailgun_public", "pubkey-", A::kHexLower, 32, 32, kApiKey},
    {"mandrill", "md-", A::kB64Url, 22, 22, kApiKey},
    {"twilio", "SK", A::kHex, 32, 32, kApiKey},
    {"facebook", "EAACEdEose0cBA", A::kAlnum, 20, 300, kAuthToken},
    {"facebook_page_eaac", "EAAC", A::kAlnum, 100, 400, kAuthToken},
    {"facebook_page_eaam", "EAAM", A::kAlnum, 100, 400, kAuthToken},
    {"twitter_bearer", "AAAAAAAAAAAAAAAAAAAAA", A::kAlnumDollar, 40, 200, kAuthToken},
    {"mapbox_secret", "sk.eyJ", A::kB64UrlDot, 60, 300, kApiKey},
    {"mapbox_public", "pk.", A::kB64UrlDot, 80, 120, kApiKey},
    {"dropbox", "sl.", A::kB64Url, 130, 160, kAuthToken},
    {"hubspot_pat_na", "pat-na1-", A::kHexDash, 36, 36, kApiKey},
    {"hubspot_pat_eu", "pat-eu1-", A::kHexDash, 36, 36, kApiKey},
    // Payments and commerce.
    {"stripe_secret", "sk_live_", A::kAlnum, 16, 247, kApiKey},
    {"stripe_test_secret", "sk_test_", A::kAlnum, 16, 247, kApiKey},
    {"stripe_restricted", "rk_live_", A::kAlnum, 16, 247, kApiKey},
    {"stripe_test_restricted", "rk_test_", A::kAlnum, 16, 247, kApiKey},
    {"stripe_prod_secret", "sk_prod_", A::kAlnum, 16, 247, kApiKey},
    {"stripe_prod_restricted", "rk_prod_", A::kAlnum, 16, 247, kApiKey},
    {"stripe_webhook", "whsec_", A::kAlnum, 32, 64, kApiKey},
    {"flutterwave_secret_test", "FLWSECK_TEST-", A::kAlnum, 32, 32, kApiKey, "-X"},
    {"flutterwave_secret", "FLWSECK-", A::kAlnum, 32, 32, kApiKey, "-X"},
    {"flutterwave_public_test", "FLWPUBK_TEST-", A::kAlnum, 32, 32, kApiKey, "-X"},
    {"flutterwave_public", "FLWPUBK-", A::kAlnum, 32, 32, kApiKey, "-X"},
    {"flutterwave_encryption_test", "FLWSECK_TEST", A::kAlnum, 12, 12, kApiKey},
    {"flutterwave_encryption_test_dash", "FLWSECK_TEST-", A::kAlnum, 12, 12, kApiKey},
    {"square_access", "sq0atp-", A::kB64Url, 22, 60, kAuthToken},
    {"square_secret", "sq0csp-", A::kB64Url, 43, 43, kApiKey},
    {"square_access_v2", "EAAA", A::kB64Url, 22, 60, kAuthToken},
    {"braintree", "access_token$production$", A::kAlnumDollar, 49, 49, kAuthToken},
    {"razorpay_live", "rzp_live_", A::kAlnum, 14, 14, kApiKey},
    {"razorpay_test", "rzp_test_", A::kAlnum, 14, 14, kApiKey},
    {"plaid_access", "access-production-", A::kHexDash, 36, 36, kAuthToken},
    {"plaid_sandbox", "access-sandbox-", A::kHexDash, 36, 36, kAuthToken},
    {"shopify_access", "shpat_", A::kHex, 32, 32, kApiKey},
    {"shopify_custom", "shpca_", A::kHex, 32, 32, kApiKey},
    {"shopify_private", "shppa_", A::kHex, 32, 32, kApiKey},
    {"shopify_secret", "shpss_", A::kHex, 32, 32, kApiKey},
    {"shippo", "shippo_live_", A::kHex, 40, 40, kApiKey},
    {"shippo_test", "shippo_test_", A::kHex, 40, 40, kApiKey},
    {"easypost", "EZAK", A::kAlnum, 54, 54, kApiKey},
    {"easypost_test", "EZTK", A::kAlnum, 54, 54, kApiKey},
    {"duffel_live", "duffel_live_", A::kB64UrlEq, 43, 43, kApiKey},
    {"duffel_test", "duffel_test_", A::kB64UrlEq, 43, 43, kApiKey},
    {"adafruit", "aio_", A::kAlnum, 28, 28, kApiKey},
    {"adobe_client_secret", "p8e-", A::kAlnum, 32, 32, kApiKey},
};

constexpr size_t kCount = sizeof(kTable) / sizeof(kTable[0]);

bool ContainsCi(std::string_view hay, std::string_view needle) {
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && AsciiLower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

uint32_t Crc32(std::string_view s) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : s) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

}  // namespace

// A random tail: no documentation marker, not a run of one character, varied enough.
bool PlausibleTail(std::string_view tail) {
  if (tail.size() < 8) return false;
  for (std::string_view marker : {"example", "xxxxxx", "000000", "your", "dummy", "placeholder",
                                  "redacted", "abcdefgh", "12345678"})
    if (ContainsCi(tail, marker)) return false;
  int distinct[256] = {0};
  int n = 0;
  for (unsigned char c : tail)
    if (!distinct[c]++) ++n;
  return n >= std::min<int>(8, static_cast<int>(tail.size()) / 3);
}

const VendorToken* VendorTokens(size_t* count) {
  *count = kCount;
  return kTable;
}

bool InAlphabet(TokenAlphabet a, unsigned char c) {
  switch (a) {
    case A::kAlnum:
      return IsAlnum(c);
    case A::kAlnumUs:
      return IsAlnum(c) || c == '_';
    case A::kB64Url:
      return IsAlnum(c) || c == '_' || c == '-';
    case A::kB64UrlDot:
      return IsAlnum(c) || c == '_' || c == '-' || c == '.';
    case A::kB64UrlEq:
      return IsAlnum(c) || c == '_' || c == '-' || c == '=';
    case A::kB64UrlDotTilde:
      return IsAlnum(c) || c == '_' || c == '-' || c == '.' || c == '~';
    case A::kBase64:
      return IsAlnum(c) || c == '+' || c == '/' || c == '=';
    case A::kHexLower:
      return IsDigit(c) || (c >= 'a' && c <= 'f');
    case A::kHex:
      return IsHex(c);
    case A::kHexDash:
      return IsHex(c) || c == '-';
    case A::kUpperDigit:
      return IsUpper(c) || IsDigit(c);
    case A::kLowerDigit:
      return IsLower(c) || IsDigit(c);
    case A::kAlnumDash:
      return IsAlnum(c) || c == '-';
    case A::kUrlPath:
      return IsAlnum(c) || c == '_' || c == '-' || c == '/' || c == '+';
    case A::kAlnumDollar:
      return IsAlnum(c) || c == '$' || c == '%';
    case A::kLetters:
      return IsAlpha(c);
    case A::kHexLowerUs:
      return IsDigit(c) || (c >= 'a' && c <= 'f') || c == '_';
    case A::kUpperDigitDash:
      return IsUpper(c) || IsDigit(c) || c == '-';
    case A::kB64UrlDotEq:
      return IsAlnum(c) || c == '_' || c == '-' || c == '.' || c == '=';
    case A::kBase64Us:
      return IsAlnum(c) || c == '+' || c == '/' || c == '=' || c == '_';
    case A::kUrlPathAt:
      return IsAlnum(c) || c == '_' || c == '-' || c == '/' || c == '@' || c == '+';
  }
  return false;
}

bool GithubChecksumValid(std::string_view random30, std::string_view check6) {
  static const char kBase62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uint32_t v = Crc32(random30);
  char enc[6];
  for (int i = 5; i >= 0; --i) {
    enc[i] = kBase62[v % 62];
    v /= 62;
  }
  return check6 == std::string_view(enc, 6);
}

void ScanVendorToken(std::string_view text, size_t index, size_t end, Candidates& out) {
  if (index >= kCount) return;
  const VendorToken& v = kTable[index];
  const size_t plen = std::strlen(v.prefix);
  if (end < plen) return;
  size_t start = end - plen;
  // Characters before the prefix that belong to the token (Azure client secrets, Terraform).
  for (size_t k = 0; k < v.lead; ++k) {
    if (start == 0 || !InAlphabet(v.lead_alphabet, text[start - 1])) return;
    --start;
  }
  if (start > 0) {
    unsigned char b = text[start - 1];
    // Webhook URLs are preceded by "https://"; other tokens stand alone.
    if (v.alphabet != A::kUrlPath && v.alphabet != A::kUrlPathAt &&
        (IsAlnum(b) || b == '_' || (v.lead && b == '-')))
      return;
  }
  size_t i = end;
  while (i < text.size() && i - end <= v.max && InAlphabet(v.alphabet, text[i])) ++i;
  const size_t slen = std::strlen(v.suffix);
  if (slen) {
    // The tail stops where the fixed suffix begins ("...-X"); a dash inside the alphabet would
    // have been eaten above, so back up to the suffix.
    if (i - end > v.max) i = end + v.max;
    if (text.compare(i, slen, v.suffix) != 0) return;
  }
  size_t tail = i - end;
  if (tail < v.min || tail > v.max) return;
  size_t stop = i + slen;
  if (stop < text.size() && (IsAlnum(text[stop]) || (v.alphabet != A::kAlnum && text[stop] == '_')))
    return;
  // The random part: the tail, or the characters before the prefix when the format ends in a
  // literal (MaxMind's "..._mmk").
  if (!PlausibleTail(tail >= 8 ? text.substr(end, tail) : text.substr(start, end - plen - start)))
    return;
  float score = 0.98f;  // prefix, alphabet and length all fit
  if (v.checksum == TokenChecksum::kGithubCrc32 && tail == 36 &&
      GithubChecksumValid(text.substr(end, 30), text.substr(end + 30, 6)))
    score = 0.99f;
  AddCandidate(out, start, stop, v.type, score, v.name);
}

}  // namespace refinery::pii
