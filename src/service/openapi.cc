#include "service/openapi.h"

#include <nlohmann/json.hpp>

#include "bpkb/page_kind.h"

namespace bpkb::service {
namespace {

using json = nlohmann::ordered_json;

json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json ErrorAnswer(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", Ref("Error")}}}}}};
}

json Credentials() {
  return json::array(
      {{{"name", "App-ID"}, {"in", "header"}, {"required", true}, {"schema", {{"type", "string"}}}},
       {{"name", "API-Key"},
        {"in", "header"},
        {"required", true},
        {"schema", {{"type", "string"}}}}});
}

json ReferenceQuery() {
  return {{"name", "reference_id"},
          {"in", "query"},
          {"required", true},
          {"schema", {{"type", "string"}, {"pattern", "^[A-Za-z0-9_-]{1,64}$"}}}};
}

json ResultData(PageKind kind) {
  json props = json::object();
  json required = json::array();
  for (const std::string& f : RequiredFields(kind)) {
    props[f] = {{"type", "string"}};
    required.push_back(f);
  }
  for (const std::string& f : OptionalFields(kind)) props[f] = {{"type", "string"}};
  return {{"type", "object"}, {"properties", props}, {"required", required}};
}

json SuccessSchema(PageKind kind) {
  return {{"type", "object"},
          {"required", {"message", "data"}},
          {"properties",
           {{"message", {{"type", "string"}, {"enum", {"Success Extract Data"}}}},
            {"data",
             {{"type", "object"},
              {"required", {"id", "reference_id", "result_data", "result_detail"}},
              {"properties",
               {{"id", {{"type", "string"}, {"format", "uuid"}}},
                {"reference_id", {{"type", "string"}}},
                {"result_data", ResultData(kind)},
                {"result_detail", Ref("ResultDetail")}}}}}}}};
}

json ExtractOperation(PageKind kind, const std::string& summary) {
  const std::string schema = kind == PageKind::kIk ? "SuccessIk" : "SuccessIp";
  json upload_props = {{"reference_id", {{"type", "string"}, {"pattern", "^[A-Za-z0-9_-]{1,64}$"}}},
                       {"page", {{"type", "integer"}, {"minimum", 1}}}};
  json multipart = upload_props;
  multipart["image"] = {{"type", "string"}, {"format", "binary"}};
  json body = upload_props;
  body["image"] = {
      {"type", "string"},
      {"description", "base64 of the file, or a data: URL (data:image/jpeg;base64,...)"}};
  return {
      {"summary", summary},
      {"parameters", Credentials()},
      {"requestBody",
       {{"required", true},
        {"content",
         {{"multipart/form-data",
           {{"schema", {{"type", "object"}, {"required", {"image"}}, {"properties", multipart}}}}},
          {"application/json",
           {{"schema", {{"type", "object"}, {"required", {"image"}}, {"properties", body}}}}}}}}},
      {"responses",
       {{"200",
         {{"description", "fields read"},
          {"content", {{"application/json", {{"schema", Ref(schema)}}}}}}},
        {"400", ErrorAnswer("OCR_40004: a testing application has no quota left")},
        {"401", ErrorAnswer("UNAUTHORIZED: missing, unknown, disabled or wrong App-ID/API-Key")},
        {"405", ErrorAnswer("OCR_40500: wrong method")},
        {"422", ErrorAnswer("OCR_40001: a problem with the payload; error_fields says which")},
        {"429", ErrorAnswer("OCR_42900: the application's rate limit; see Retry-After")},
        {"500", ErrorAnswer("OCR_50000: unexpected")},
        {"503", ErrorAnswer("OCR_50300: every OCR worker busy or time limit; see Retry-After")}}}};
}

json PullOperation(PageKind kind) {
  json params = Credentials();
  params.push_back(ReferenceQuery());
  return {{"summary", "Pull a stored result of this application"},
          {"parameters", params},
          {"responses",
           {{"200",
             {{"description", "the stored result, as the extract call answered it"},
              {"content",
               {{"application/json",
                 {{"schema", Ref(kind == PageKind::kIk ? "SuccessIk" : "SuccessIp")}}}}}}},
            {"401", ErrorAnswer("UNAUTHORIZED")},
            {"404", ErrorAnswer("OCR_40400: unknown, expired or another application's")},
            {"422", ErrorAnswer("OCR_40001: bad reference_id")},
            {"429", ErrorAnswer("OCR_42900")}}}};
}

json Plain(const std::string& summary, const std::string& type) {
  return {{"summary", summary},
          {"responses",
           {{"200",
             {{"description", "ok"}, {"content", {{type, {{"schema", {{"type", "string"}}}}}}}}}}}};
}

json Build() {
  json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "bpkb-ocr"},
                 {"version", "2.0.0"},
                 {"description", "Reads Indonesian BPKB pages (IK, IP) into JSON."}};
  json paths;
  paths["/v2/ocr/bpkb_ik"]["post"] =
      ExtractOperation(PageKind::kIk, "Extract the Identitas Kendaraan page");
  paths["/v2/ocr/bpkb_ip"]["post"] =
      ExtractOperation(PageKind::kIp, "Extract the Identitas Pemilik page");
  paths["/v2/ocr/bpkb_ik/result"]["get"] = PullOperation(PageKind::kIk);
  paths["/v2/ocr/bpkb_ip/result"]["get"] = PullOperation(PageKind::kIp);
  json del_params = Credentials();
  del_params.push_back(ReferenceQuery());
  paths["/v2/ocr/result"]["delete"] = {{"summary", "Erase a stored result of this application"},
                                       {"parameters", del_params},
                                       {"responses",
                                        {{"200", {{"description", "erased"}}},
                                         {"401", ErrorAnswer("UNAUTHORIZED")},
                                         {"404", ErrorAnswer("OCR_40400")},
                                         {"422", ErrorAnswer("OCR_40001: bad reference_id")}}}};
  paths["/healthz"]["get"] = Plain("The process is alive", "application/json");
  paths["/readyz"]["get"] = Plain("Ready for traffic (503 while draining)", "application/json");
  paths["/metrics"]["get"] = Plain("Prometheus metrics", "text/plain");
  paths["/openapi.json"]["get"] = Plain("This document", "application/json");
  doc["paths"] = paths;

  json field_detail = {{"type", "object"},
                       {"properties",
                        {{"value", {{"type", "string"}}},
                         {"raw", {{"type", "string"}}},
                         {"confidence", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}},
                         {"valid", {{"type", "boolean"}}},
                         {"found", {{"type", "boolean"}}},
                         {"box",
                          {{"type", "array"},
                           {"items", {{"type", "integer"}}},
                           {"minItems", 4},
                           {"maxItems", 4}}}}}};
  doc["components"]["schemas"] = {
      {"Error",
       {{"type", "object"},
        {"required", {"message", "error_code"}},
        {"properties",
         {{"message", {{"type", "string"}}},
          {"error_code", {{"type", "string"}}},
          {"error_fields",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"field", {{"type", "string"}}}, {"reason", {{"type", "string"}}}}}}}}}}}}},
      {"FieldDetail", field_detail},
      {"ResultDetail",
       {{"type", "object"},
        {"description", "extension: one FieldDetail per field, plus the keys below"},
        {"additionalProperties", Ref("FieldDetail")},
        {"properties",
         {{"page_type", {{"type", "string"}, {"enum", {"ik", "ip", "unknown"}}}},
          {"page_type_confidence", {{"type", "number"}}},
          {"page_index", {{"type", "integer"}}},
          {"rotation", {{"type", "integer"}}},
          {"quality", {{"type", "object"}}},
          {"warnings", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"processing_ms", {{"type", "number"}}}}}}},
      {"SuccessIk", SuccessSchema(PageKind::kIk)},
      {"SuccessIp", SuccessSchema(PageKind::kIp)}};
  return doc;
}

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string doc = Build().dump(2);
  return doc;
}

}  // namespace bpkb::service
