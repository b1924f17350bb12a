#include "store/store_contract.h"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "store/keys.h"
#include "store/test_result.h"

namespace bpkb::store {

void StoreContract::SetUp() {
  ASSERT_TRUE(InitCrypto().ok());
  std::random_device rd;
  scratch_ = (std::filesystem::temp_directory_path() /
              ("bpkb-store-" + std::to_string(rd()) + std::to_string(rd())))
                 .string();
  std::filesystem::create_directories(scratch_);
  Status s = GetParam().open(scratch_, &store_);
  ASSERT_TRUE(s.ok()) << s.ToString();
}

void StoreContract::TearDown() {
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(scratch_, ec);
}

std::unique_ptr<Store> StoreContract::OpenAnother() {
  std::unique_ptr<Store> other;
  Status s = GetParam().open(scratch_, &other);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return other;
}

namespace {

// "t3-1": built with snprintf, as GCC 12 -O3 warns falsely (-Wrestrict) on
// "literal" + std::to_string(...).
std::string RefName(const char* prefix, int a, int b = -1) {
  char buf[64];
  if (b < 0)
    std::snprintf(buf, sizeof buf, "%s%d", prefix, a);
  else
    std::snprintf(buf, sizeof buf, "%s%d-%d", prefix, a, b);
  return buf;
}

StoredResult MakeResult(const std::string& app_id, const std::string& ref,
                        const std::string& kind = "ik", int64_t created_at = 2'000'000'000) {
  return MakeTestResult(app_id, ref, kind, created_at);
}

// Units used by `app_id` on `day` ("" = all days), from ListUnitsUsed.
int64_t UnitsUsed(Store& store, const std::string& app_id, const std::string& day = "") {
  std::vector<Store::UnitsRow> rows;
  Status s = store.ListUnitsUsed(app_id, day.empty() ? "0000-00-00" : day, &rows);
  EXPECT_TRUE(s.ok()) << s.ToString();
  int64_t units = 0;
  for (const auto& r : rows) {
    if (day.empty() || r.day == day) units += r.units;
  }
  return units;
}

// 2033-05-18 03:33:20 UTC and the next day.
constexpr int64_t kDay1 = 2'000'000'000;
constexpr int64_t kDay2 = kDay1 + 86400;

TEST_P(StoreContract, CreatedAppIsFoundAndItsKeyMatchesOnlyItself) {
  NewCredentials cred;
  ASSERT_TRUE(CreateApp(*store_, "demo", AppMode::kTesting, 5, 60, &cred).ok());
  EXPECT_EQ(cred.app_id.size(), 32u);
  EXPECT_GE(cred.api_key.size(), 43u);  // 256 bits in base64url

  App app;
  ASSERT_TRUE(store_->FindApp(cred.app_id, &app).ok());
  EXPECT_EQ(app.name, "demo");
  EXPECT_EQ(app.mode, AppMode::kTesting);
  EXPECT_EQ(app.quota, 5);
  EXPECT_EQ(app.rate_limit_per_minute, 60);
  EXPECT_TRUE(app.enabled);
  EXPECT_TRUE(KeyMatches(app, cred.api_key));
  EXPECT_FALSE(KeyMatches(app, cred.api_key + "x"));
  EXPECT_FALSE(KeyMatches(app, ""));
  // Only a hash is stored: the key itself appears nowhere in the record.
  EXPECT_EQ(app.key_hash.find(cred.api_key), std::string::npos);
  EXPECT_NE(app.key_hash, cred.api_key);

  EXPECT_EQ(store_->FindApp("nope", &app).code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, TwoAppsGetDifferentIdsKeysAndSalts) {
  NewCredentials a, b;
  ASSERT_TRUE(CreateApp(*store_, "a", AppMode::kLive, 0, 0, &a).ok());
  ASSERT_TRUE(CreateApp(*store_, "b", AppMode::kLive, 0, 0, &b).ok());
  EXPECT_NE(a.app_id, b.app_id);
  EXPECT_NE(a.api_key, b.api_key);
  App aa, bb;
  ASSERT_TRUE(store_->FindApp(a.app_id, &aa).ok());
  ASSERT_TRUE(store_->FindApp(b.app_id, &bb).ok());
  EXPECT_NE(aa.key_salt, bb.key_salt);
  EXPECT_FALSE(KeyMatches(aa, b.api_key));
  std::vector<App> apps;
  ASSERT_TRUE(store_->ListApps(&apps).ok());
  EXPECT_EQ(apps.size(), 2u);
}

TEST_P(StoreContract, RotateKeyRetiresTheOldKey) {
  NewCredentials cred;
  ASSERT_TRUE(CreateApp(*store_, "r", AppMode::kTesting, 1, 0, &cred).ok());
  std::string fresh;
  ASSERT_TRUE(RotateKey(*store_, cred.app_id, &fresh).ok());
  App app;
  ASSERT_TRUE(store_->FindApp(cred.app_id, &app).ok());
  EXPECT_FALSE(KeyMatches(app, cred.api_key));
  EXPECT_TRUE(KeyMatches(app, fresh));
  EXPECT_EQ(RotateKey(*store_, "missing", &fresh).code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, DisableEnableAndSetQuota) {
  NewCredentials cred;
  ASSERT_TRUE(CreateApp(*store_, "d", AppMode::kTesting, 1, 0, &cred).ok());
  ASSERT_TRUE(store_->SetEnabled(cred.app_id, false).ok());
  App app;
  ASSERT_TRUE(store_->FindApp(cred.app_id, &app).ok());
  EXPECT_FALSE(app.enabled);
  ASSERT_TRUE(store_->SetEnabled(cred.app_id, true).ok());
  ASSERT_TRUE(store_->SetQuota(cred.app_id, 42).ok());
  ASSERT_TRUE(store_->FindApp(cred.app_id, &app).ok());
  EXPECT_TRUE(app.enabled);
  EXPECT_EQ(app.quota, 42);
  EXPECT_EQ(store_->SetQuota("missing", 1).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->SetEnabled("missing", true).code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, SaveChargesOneUnitAndRefusesWhenNoneLeft) {
  NewCredentials cred;
  ASSERT_TRUE(CreateApp(*store_, "q", AppMode::kTesting, 2, 0, &cred).ok());
  SaveOutcome out;
  for (const char* ref : {"r1", "r2"}) {
    ASSERT_TRUE(store_->SaveResult(MakeResult(cred.app_id, ref), &out).ok());
    EXPECT_EQ(out, SaveOutcome::kSaved);
  }
  ASSERT_TRUE(store_->SaveResult(MakeResult(cred.app_id, "r3"), &out).ok());
  EXPECT_EQ(out, SaveOutcome::kQuotaExhausted);
  App app;
  ASSERT_TRUE(store_->FindApp(cred.app_id, &app).ok());
  EXPECT_EQ(app.quota, 0);
  StoredResult r;
  EXPECT_EQ(store_->FindResult(cred.app_id, "r3", "ik", 0, &r).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindResult(cred.app_id, "r2", "ik", 0, &r).ok());
}

TEST_P(StoreContract, LiveAppsAreNeverRefusedNorCharged) {
  NewCredentials cred;
  ASSERT_TRUE(CreateApp(*store_, "live", AppMode::kLive, 0, 0, &cred).ok());
  SaveOutcome out;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store_->SaveResult(MakeResult(cred.app_id, RefName("x", i)), &out).ok());
    EXPECT_EQ(out, SaveOutcome::kSaved);
  }
  App app;
  ASSERT_TRUE(store_->FindApp(cred.app_id, &app).ok());
  EXPECT_EQ(app.quota, 0);
}

TEST_P(StoreContract, ConcurrentSavesNeverOverspendTheQuota) {
  constexpr int kQuota = 5, kThreads = 8, kEach = 4;
  NewCredentials cred;
  ASSERT_TRUE(CreateApp(*store_, "race", AppMode::kTesting, kQuota, 0, &cred).ok());
  // Half the threads use a second connection: as two server processes would.
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_TRUE(other);
  std::atomic<int> saved{0}, refused{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& s = (t % 2) ? *other : *store_;
      for (int i = 0; i < kEach; ++i) {
        SaveOutcome out;
        Status st = s.SaveResult(MakeResult(cred.app_id, RefName("t", t, i)), &out);
        if (!st.ok())
          failed++;
        else if (out == SaveOutcome::kSaved)
          saved++;
        else
          refused++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(saved.load(), kQuota);
  EXPECT_EQ(refused.load(), kThreads * kEach - kQuota);
  App app;
  ASSERT_TRUE(store_->FindApp(cred.app_id, &app).ok());
  EXPECT_EQ(app.quota, 0);
  EXPECT_EQ(UnitsUsed(*store_, cred.app_id), kQuota);
}

TEST_P(StoreContract, ResultsBelongToTheirAppAndPageKind) {
  NewCredentials a, b;
  ASSERT_TRUE(CreateApp(*store_, "a", AppMode::kLive, 0, 0, &a).ok());
  ASSERT_TRUE(CreateApp(*store_, "b", AppMode::kLive, 0, 0, &b).ok());
  SaveOutcome out;
  StoredResult saved = MakeResult(a.app_id, "shared-ref", "ip");
  ASSERT_TRUE(store_->SaveResult(saved, &out).ok());
  StoredResult r;
  ASSERT_TRUE(store_->FindResult(a.app_id, "shared-ref", "ip", 0, &r).ok());
  EXPECT_EQ(r.id, saved.id);
  EXPECT_EQ(r.data_json, saved.data_json);
  EXPECT_EQ(r.created_at, saved.created_at);
  EXPECT_DOUBLE_EQ(r.processing_ms, 12.5);
  EXPECT_EQ(store_->FindResult(b.app_id, "shared-ref", "ip", 0, &r).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindResult(a.app_id, "shared-ref", "ik", 0, &r).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteResult(b.app_id, "shared-ref").code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->DeleteResult(a.app_id, "shared-ref").ok());
  EXPECT_EQ(store_->FindResult(a.app_id, "shared-ref", "ip", 0, &r).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteResult(a.app_id, "shared-ref").code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, SameReferenceIdReplacesTheOlderResult) {
  NewCredentials a;
  ASSERT_TRUE(CreateApp(*store_, "a", AppMode::kLive, 0, 0, &a).ok());
  SaveOutcome out;
  StoredResult first = MakeResult(a.app_id, "again");
  StoredResult second = MakeResult(a.app_id, "again");
  ASSERT_TRUE(store_->SaveResult(first, &out).ok());
  ASSERT_TRUE(store_->SaveResult(second, &out).ok());
  StoredResult r;
  ASSERT_TRUE(store_->FindResult(a.app_id, "again", "ik", 0, &r).ok());
  EXPECT_EQ(r.id, second.id);
}

TEST_P(StoreContract, ExpiredResultsAreHiddenThenPurged) {
  NewCredentials a;
  ASSERT_TRUE(CreateApp(*store_, "a", AppMode::kLive, 0, 0, &a).ok());
  SaveOutcome out;
  ASSERT_TRUE(store_->SaveResult(MakeResult(a.app_id, "old", "ik", 1000), &out).ok());
  ASSERT_TRUE(store_->SaveResult(MakeResult(a.app_id, "new", "ik", 5000), &out).ok());
  StoredResult r;
  EXPECT_EQ(store_->FindResult(a.app_id, "old", "ik", 2000, &r).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindResult(a.app_id, "old", "ik", 0, &r).ok());
  int64_t purged = -1;
  ASSERT_TRUE(store_->PurgeResultsBefore(2000, &purged).ok());
  EXPECT_EQ(purged, 1);
  EXPECT_EQ(store_->FindResult(a.app_id, "old", "ik", 0, &r).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindResult(a.app_id, "new", "ik", 2000, &r).ok());
}

TEST_P(StoreContract, UsageIsCountedPerAppDayAndStatus) {
  ASSERT_TRUE(store_->CountRequest("app1", "2026-11-26", 200).ok());
  ASSERT_TRUE(store_->CountRequest("app1", "2026-11-26", 200).ok());
  ASSERT_TRUE(store_->CountRequest("app1", "2026-11-26", 422).ok());
  ASSERT_TRUE(store_->CountRequest("app1", "2026-11-27", 200).ok());
  int64_t n = -1;
  ASSERT_TRUE(store_->UsageCount("app1", "2026-11-26", 200, &n).ok());
  EXPECT_EQ(n, 2);
  ASSERT_TRUE(store_->UsageCount("app1", "2026-11-26", 422, &n).ok());
  EXPECT_EQ(n, 1);
  ASSERT_TRUE(store_->UsageCount("app2", "2026-11-26", 200, &n).ok());
  EXPECT_EQ(n, 0);
}

TEST_P(StoreContract, UnitsUsedAreCountedPerAppAndDayWhenAResultIsCharged) {
  NewCredentials a, b;
  ASSERT_TRUE(CreateApp(*store_, "a", AppMode::kTesting, 10, 0, &a).ok());
  ASSERT_TRUE(CreateApp(*store_, "b", AppMode::kTesting, 10, 0, &b).ok());
  SaveOutcome out;
  ASSERT_TRUE(store_->SaveResult(MakeResult(a.app_id, "r1", "ik", kDay1), &out).ok());
  ASSERT_TRUE(store_->SaveResult(MakeResult(a.app_id, "r2", "ip", kDay1 + 60), &out).ok());
  // A repeated reference_id replaces the stored result but is a new charge.
  ASSERT_TRUE(store_->SaveResult(MakeResult(a.app_id, "r2", "ip", kDay1 + 120), &out).ok());
  ASSERT_TRUE(store_->SaveResult(MakeResult(a.app_id, "r3", "ik", kDay2), &out).ok());
  ASSERT_TRUE(store_->SaveResult(MakeResult(b.app_id, "r1", "ik", kDay2), &out).ok());

  std::vector<Store::UnitsRow> rows;
  ASSERT_TRUE(store_->ListUnitsUsed(a.app_id, "2000-01-01", &rows).ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].day, "2033-05-18");
  EXPECT_EQ(rows[0].units, 3);
  EXPECT_EQ(rows[1].day, "2033-05-19");
  EXPECT_EQ(rows[1].units, 1);
  ASSERT_TRUE(store_->ListUnitsUsed(a.app_id, "2033-05-19", &rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].day, "2033-05-19");
  EXPECT_EQ(UnitsUsed(*store_, b.app_id), 1);
  EXPECT_EQ(UnitsUsed(*store_, "no-such-app"), 0);
  // Every unit used is a unit taken from the quota.
  App app;
  ASSERT_TRUE(store_->FindApp(a.app_id, &app).ok());
  EXPECT_EQ(app.quota, 10 - 4);
}

TEST_P(StoreContract, UnitsUsedSurviveDeletedAndExpiredResults) {
  NewCredentials a;
  ASSERT_TRUE(CreateApp(*store_, "a", AppMode::kTesting, 10, 0, &a).ok());
  SaveOutcome out;
  for (const char* ref : {"keep", "delete-me", "expire-me"}) {
    ASSERT_TRUE(store_->SaveResult(MakeResult(a.app_id, ref, "ik", kDay1), &out).ok());
  }
  ASSERT_TRUE(store_->DeleteResult(a.app_id, "delete-me").ok());
  int64_t purged = 0;
  ASSERT_TRUE(store_->PurgeResultsBefore(kDay2, &purged).ok());
  EXPECT_EQ(purged, 2);
  std::vector<StoredResult> left;
  ASSERT_TRUE(store_->ListResults(a.app_id, 0, 10, false, &left).ok());
  EXPECT_TRUE(left.empty());
  EXPECT_EQ(UnitsUsed(*store_, a.app_id, "2033-05-18"), 3);
  // And the same figure from another connection (another server).
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_TRUE(other);
  EXPECT_EQ(UnitsUsed(*other, a.app_id, "2033-05-18"), 3);
}

TEST_P(StoreContract, RefusedAndFailedSavesAreNeverCounted) {
  NewCredentials empty, some;
  ASSERT_TRUE(CreateApp(*store_, "empty", AppMode::kTesting, 0, 0, &empty).ok());
  ASSERT_TRUE(CreateApp(*store_, "some", AppMode::kTesting, 5, 0, &some).ok());
  SaveOutcome out;
  ASSERT_TRUE(store_->SaveResult(MakeResult(empty.app_id, "r", "ik", kDay1), &out).ok());
  EXPECT_EQ(out, SaveOutcome::kQuotaExhausted);
  ASSERT_TRUE(store_->SaveResult(MakeResult("no-such-app", "r", "ik", kDay1), &out).ok());
  EXPECT_EQ(out, SaveOutcome::kQuotaExhausted);
  EXPECT_EQ(UnitsUsed(*store_, empty.app_id), 0);
  EXPECT_EQ(UnitsUsed(*store_, "no-such-app"), 0);

  // A save that fails inside its transaction (here: a result id that is already
  // stored under another reference_id) takes nothing and counts nothing.
  StoredResult first = MakeResult(some.app_id, "first", "ik", kDay1);
  ASSERT_TRUE(store_->SaveResult(first, &out).ok());
  StoredResult clash = MakeResult(some.app_id, "second", "ik", kDay1);
  clash.id = first.id;
  EXPECT_FALSE(store_->SaveResult(clash, &out).ok());
  StoredResult r;
  EXPECT_EQ(store_->FindResult(some.app_id, "second", "ik", 0, &r).code(), StatusCode::kNotFound);
  App app;
  ASSERT_TRUE(store_->FindApp(some.app_id, &app).ok());
  EXPECT_EQ(app.quota, 4);
  EXPECT_EQ(UnitsUsed(*store_, some.app_id), 1);
}

// Live apps have no quota to take from; "units used" still counts their charged
// (saved) extractions, one each, so that operators see what a live app uses.
TEST_P(StoreContract, LiveAppsCountUnitsUsedWithoutAQuota) {
  NewCredentials live;
  ASSERT_TRUE(CreateApp(*store_, "live", AppMode::kLive, 0, 0, &live).ok());
  SaveOutcome out;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        store_->SaveResult(MakeResult(live.app_id, RefName("l", i), "ik", kDay1), &out).ok());
    EXPECT_EQ(out, SaveOutcome::kSaved);
  }
  EXPECT_EQ(UnitsUsed(*store_, live.app_id, "2033-05-18"), 3);
  App app;
  ASSERT_TRUE(store_->FindApp(live.app_id, &app).ok());
  EXPECT_EQ(app.quota, 0);
}

TEST_P(StoreContract, AdministratorIsStoredOnceUnlessReplaced) {
  ASSERT_TRUE(store_->PutAdmin("ops@example.test", "hash-1", false).ok());
  EXPECT_EQ(store_->PutAdmin("ops@example.test", "hash-2", false).code(),
            StatusCode::kInvalidInput);
  std::string hash;
  ASSERT_TRUE(store_->FindAdmin("ops@example.test", &hash).ok());
  EXPECT_EQ(hash, "hash-1");
  ASSERT_TRUE(store_->PutAdmin("ops@example.test", "hash-2", true).ok());
  ASSERT_TRUE(store_->FindAdmin("ops@example.test", &hash).ok());
  EXPECT_EQ(hash, "hash-2");
  EXPECT_EQ(store_->FindAdmin("other@example.test", &hash).code(), StatusCode::kNotFound);
  // `replace` also creates.
  ASSERT_TRUE(store_->PutAdmin("new@example.test", "hash-3", true).ok());
  EXPECT_TRUE(store_->FindAdmin("new@example.test", &hash).ok());
}

TEST_P(StoreContract, SessionsAreFoundUntilTheyExpireOrEndAndAreShared) {
  ASSERT_TRUE(store_->PutAdmin("a@example.test", "h", false).ok());
  ASSERT_TRUE(store_->PutAdmin("b@example.test", "h", false).ok());
  ASSERT_TRUE(store_->CreateSession("hash-a1", {"a@example.test", "csrf-a1", 2000}, 1000).ok());
  ASSERT_TRUE(store_->CreateSession("hash-a2", {"a@example.test", "csrf-a2", 2000}, 1000).ok());
  ASSERT_TRUE(store_->CreateSession("hash-b1", {"b@example.test", "csrf-b1", 2000}, 1000).ok());
  // A session made through one connection is valid through another (server).
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_TRUE(other);
  Store::AdminSession s;
  ASSERT_TRUE(other->FindSession("hash-a1", 1500, &s).ok());
  EXPECT_EQ(s.email, "a@example.test");
  EXPECT_EQ(s.csrf, "csrf-a1");
  EXPECT_EQ(s.expires_at, 2000);
  EXPECT_EQ(other->FindSession("hash-a1", 2000, &s).code(), StatusCode::kNotFound);  // expired
  EXPECT_EQ(other->FindSession("unknown", 1500, &s).code(), StatusCode::kNotFound);
  // No session for an e-mail that is not an administrator.
  EXPECT_EQ(store_->CreateSession("hash-x", {"x@example.test", "c", 2000}, 1000).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->FindSession("hash-x", 1500, &s).code(), StatusCode::kNotFound);

  ASSERT_TRUE(other->DeleteSession("hash-a1").ok());
  EXPECT_EQ(store_->FindSession("hash-a1", 1500, &s).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindSession("hash-a2", 1500, &s).ok());
  ASSERT_TRUE(store_->DeleteSessionsOf("a@example.test").ok());
  EXPECT_EQ(store_->FindSession("hash-a2", 1500, &s).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindSession("hash-b1", 1500, &s).ok());
  // A new session sweeps the expired ones away.
  ASSERT_TRUE(store_->CreateSession("hash-b2", {"b@example.test", "c", 9000}, 5000).ok());
  ASSERT_TRUE(store_->FindSession("hash-b2", 5000, &s).ok());
  EXPECT_EQ(store_->FindSession("hash-b1", 1500, &s).code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, AdministratorsAreListedAndDeletedWithTheirSessions) {
  Store::AdminSession s;
  std::vector<Store::AdminInfo> admins;
  ASSERT_TRUE(store_->ListAdmins(1500, &admins).ok());
  EXPECT_TRUE(admins.empty());
  ASSERT_TRUE(store_->PutAdmin("b@example.test", "h", false).ok());
  ASSERT_TRUE(store_->PutAdmin("a@example.test", "h", false).ok());
  ASSERT_TRUE(store_->CreateSession("a-live-1", {"a@example.test", "c", 2000}, 1000).ok());
  ASSERT_TRUE(store_->CreateSession("a-live-2", {"a@example.test", "c", 2000}, 1000).ok());
  ASSERT_TRUE(store_->CreateSession("a-expired", {"a@example.test", "c", 1200}, 1000).ok());
  ASSERT_TRUE(store_->CreateSession("b-live", {"b@example.test", "c", 2000}, 1000).ok());
  ASSERT_TRUE(store_->ListAdmins(1500, &admins).ok());
  ASSERT_EQ(admins.size(), 2u);
  EXPECT_EQ(admins[0].email, "a@example.test");
  EXPECT_EQ(admins[0].active_sessions, 2);
  EXPECT_GT(admins[0].created_at, 0);
  EXPECT_EQ(admins[1].email, "b@example.test");
  EXPECT_EQ(admins[1].active_sessions, 1);

  // Deleted through another connection (the CLI while servers run).
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_TRUE(other);
  ASSERT_TRUE(other->DeleteAdmin("a@example.test").ok());
  std::string hash;
  EXPECT_EQ(store_->FindAdmin("a@example.test", &hash).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindSession("a-live-1", 1500, &s).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindSession("b-live", 1500, &s).ok());
  ASSERT_TRUE(store_->ListAdmins(1500, &admins).ok());
  ASSERT_EQ(admins.size(), 1u);
  EXPECT_EQ(admins[0].email, "b@example.test");
  // No session can be made for them any more, and their old sessions are gone,
  // not just hidden: an administrator made again under that e-mail has none.
  EXPECT_EQ(store_->CreateSession("a-new", {"a@example.test", "c", 2000}, 1000).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->PutAdmin("a@example.test", "h2", false).ok());
  EXPECT_EQ(store_->FindSession("a-live-1", 1500, &s).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindSession("a-live-2", 1500, &s).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->ListAdmins(1500, &admins).ok());
  ASSERT_EQ(admins.size(), 2u);
  EXPECT_EQ(admins[0].active_sessions, 0);

  EXPECT_EQ(store_->DeleteAdmin("nobody@example.test").code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->DeleteAdmin("a@example.test").ok());
  EXPECT_EQ(store_->DeleteAdmin("a@example.test").code(), StatusCode::kNotFound);
}

// AdmitSignIn's answer for one attempt: 0 when admitted, else the wait.
int64_t Admit(Store& store, const std::string& attempt, const std::vector<Store::SignInKey>& keys,
              int64_t now, int64_t window = 60) {
  int64_t wait = -1;
  Status s = store.AdmitSignIn(attempt, keys, now, window, &wait);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return wait;
}

TEST_P(StoreContract, SignInAttemptsAreAdmittedUpToTheLimitInTheWindow) {
  const std::vector<Store::SignInKey> keys = {{"account", 3}, {"address", 100}};
  EXPECT_EQ(Admit(*store_, "a1", keys, 1000), 0);
  EXPECT_EQ(Admit(*store_, "a2", keys, 1010), 0);
  EXPECT_EQ(Admit(*store_, "a3", keys, 1020), 0);
  // Three in the window: the fourth waits until the oldest (1000) leaves it.
  EXPECT_EQ(Admit(*store_, "a4", keys, 1030), 30);
  EXPECT_EQ(Admit(*store_, "a5", keys, 1059), 1);
  // A refused attempt is not recorded: at 1060 only 1010 and 1020 are left.
  EXPECT_EQ(Admit(*store_, "a6", keys, 1060), 0);
  EXPECT_EQ(Admit(*store_, "a7", keys, 1061), 9);  // 1010, 1020, 1060: wait for 1010
  // Another account of the same address is not held back by this one.
  EXPECT_EQ(Admit(*store_, "b1", {{"account-b", 3}, {"address", 100}}, 1061), 0);
  // Every attempt left the window: admitted again.
  EXPECT_EQ(Admit(*store_, "a8", keys, 1200), 0);
}

TEST_P(StoreContract, SignInWaitsForTheSlowestKey) {
  // The address has tried many accounts: a new account of it must wait too,
  // until enough of the address's attempts have left the window.
  for (int i = 0; i < 4; ++i) {
    const std::string account = RefName("account", i);
    EXPECT_EQ(Admit(*store_, RefName("a", i), {{account, 3}, {"address", 4}}, 1000 + i), 0);
  }
  EXPECT_EQ(Admit(*store_, "new", {{"new-account", 3}, {"address", 4}}, 1010), 50);
  EXPECT_EQ(Admit(*store_, "elsewhere", {{"new-account", 3}, {"address-2", 4}}, 1010), 0);
  // The limit-th newest decides: with a limit of 2 the address waits for 1002.
  EXPECT_EQ(Admit(*store_, "new", {{"new-account", 3}, {"address", 2}}, 1010), 52);
}

TEST_P(StoreContract, SucceededSignInForgetsItsAttemptAndClearsItsAccount) {
  const std::vector<Store::SignInKey> keys = {{"account", 3}, {"address", 5}};
  ASSERT_EQ(Admit(*store_, "a1", keys, 1000), 0);
  ASSERT_EQ(Admit(*store_, "a2", keys, 1001), 0);
  ASSERT_EQ(Admit(*store_, "other", {{"account-b", 3}, {"address", 5}}, 1002), 0);
  ASSERT_EQ(Admit(*store_, "a3", keys, 1003), 0);
  EXPECT_EQ(Admit(*store_, "x", keys, 1003), 57);  // the account is full
  // a3 was right: the account's attempts go, and a3's own of the address; the
  // address keeps a1, a2 (failed) and the other account's.
  ASSERT_TRUE(store_->SignInSucceeded("a3", "account").ok());
  EXPECT_EQ(Admit(*store_, "a4", keys, 1004), 0);
  EXPECT_EQ(Admit(*store_, "a5", keys, 1005), 0);
  // The address now has five (1000, 1001, 1002, 1004, 1005): full until 1000 leaves.
  EXPECT_EQ(Admit(*store_, "a6", keys, 1006), 54);
  // Unknown attempts and keys are fine.
  EXPECT_TRUE(store_->SignInSucceeded("unknown", "unknown").ok());
}

TEST_P(StoreContract, SignInAttemptsAreSharedAndConcurrentOnesNeverPassTheLimit) {
  // Two connections (as two servers) and several threads on each try at once:
  // exactly the limit is admitted, whichever server they reach.
  constexpr int kLimit = 5, kThreads = 4, kEach = 6;
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_TRUE(other);
  std::atomic<int> admitted{0}, refused{0}, errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& store = (t % 2 == 0) ? *store_ : *other;
      for (int i = 0; i < kEach; ++i) {
        int64_t wait = -1;
        Status s = store.AdmitSignIn(RefName("t", t, i), {{"account", kLimit}, {"address", 100}},
                                     5000, 60, &wait);
        if (!s.ok())
          errors++;
        else if (wait == 0)
          admitted++;
        else
          refused++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(admitted.load(), kLimit);
  EXPECT_EQ(refused.load(), kThreads * kEach - kLimit);
  EXPECT_EQ(Admit(*store_, "late", {{"account", kLimit}}, 5030), 30);
}

TEST(Keys, AppNamesAreShortPrintableUtf8) {
  EXPECT_TRUE(CheckAppName("Dealer Jakarta").ok());
  EXPECT_TRUE(CheckAppName("Diler \xc3\x89 \xe4\xb8\xad \xf0\x9f\x9a\x97").ok());
  EXPECT_TRUE(CheckAppName(std::string(kMaxAppNameBytes, 'n')).ok());
  for (const std::string& bad :
       {std::string(), std::string(kMaxAppNameBytes + 1, 'n'), std::string("a\0b", 3),
        std::string("a\tb"), std::string("a\x7f"), std::string("a\xc2\x85"),   // C1 NEL
        std::string("\xff"), std::string("caf\xc3"), std::string("\xc0\xaf"),  // overlong '/'
        std::string("\xed\xa0\x80"),                                           // a surrogate
        std::string("\xf4\x90\x80\x80")}) {                                    // past U+10FFFF
    Status s = CheckAppName(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidInput) << bad;
    EXPECT_EQ(s.field(), "name");
  }
}

TEST_P(StoreContract, AppsWithBadNamesAreRefusedBeforeTheStore) {
  NewCredentials cred;
  EXPECT_EQ(CreateApp(*store_, "caf\xc3", AppMode::kLive, 0, 0, &cred).code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(CreateApp(*store_, std::string("a\0b", 3), AppMode::kLive, 0, 0, &cred).code(),
            StatusCode::kInvalidInput);
  std::vector<App> apps;
  ASSERT_TRUE(store_->ListApps(&apps).ok());
  EXPECT_TRUE(apps.empty());
}

TEST(Keys, UuidsAreVersion4AndDistinct) {
  ASSERT_TRUE(InitCrypto().ok());
  std::string a = NewUuid(), b = NewUuid();
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace bpkb::store
