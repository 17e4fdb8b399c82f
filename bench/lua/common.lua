-- Shared by the wrk scripts: wall clock, payment bodies, per-thread counters and the done() JSON.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")

local M = {}

-- Monotonic wall clock in milliseconds.
function M.now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

M.auth = "Basic " .. (os.getenv("BENCH_AUTH") or "a2V5X3Rlc3RfYWJjMTIzOnNlY3JldF90ZXN0X3h5ejc4OQ==")
M.run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())
M.exp_year = os.getenv("BENCH_EXP_YEAR") or "2030"
M.provider = os.getenv("BENCH_PROVIDER") or ""
M.duration_ms = tonumber(os.getenv("BENCH_DURATION_S") or "20") * 1000
-- No request is started in the last drain_ms of the run, so every request that was sent is
-- answered before wrk stops: the rows in the database then equal the counted responses.
M.drain_ms = tonumber(os.getenv("BENCH_DRAIN_MS") or "1500")
-- Target requests per second for the whole run (0: as fast as possible).
M.rate = tonumber(os.getenv("BENCH_RATE") or "0")

function M.card_body(amount, capture, order_id)
  local provider = ""
  if M.provider ~= "" then
    provider = '"provider":"' .. M.provider .. '",'
  end
  local head
  if order_id then
    head = '{"order_id":"' .. order_id .. '",'
  else
    head = '{"amount":' .. amount .. ',"currency":"USD",'
  end
  return head .. provider .. '"method":"card","capture":"' .. capture .. '","card":{"number":"4242424242424242",'
    .. '"expiry_month":12,"expiry_year":' .. M.exp_year .. ',"cvc":"123","holder_name":"Bench Mark"}}'
end

-- POST /api/v1/payments with BODY, as the seeded merchant, with an Idempotency-Key of its own.
function M.payment_request(body)
  return wrk.format("POST", "/api/v1/payments", {
    ["Authorization"] = M.auth,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = M.next_key(),
  }, body)
end

-- Thread bookkeeping: setup() runs in the main state, the rest in each thread's own state. M.threads holds
-- the wrk threads setup() saw, for a script's own done().
local threads = {}
M.threads = threads
local next_thread = 0

function M.setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_no", next_thread)
  threads[#threads + 1] = thread
end

-- Per-thread state, initialised by M.init in the thread.
bench_counts = {}
M.seq = 0
M.started = nil
M.next_slot = nil
M.interval = 0

function M.init()
  local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  M.started = M.now_ms()
  M.next_slot = M.started
  if M.rate > 0 then
    M.interval = 1000 * nthreads / M.rate
  end
end

function M.count(name)
  bench_counts[name] = (bench_counts[name] or 0) + 1
end

function M.next_key()
  M.seq = M.seq + 1
  return "bench-" .. M.run_id .. "-" .. thread_no .. "-" .. M.seq
end

-- Milliseconds to wait before the next request: pacing to the target rate (each thread takes
-- its share of slots), and no new request in the drain window at the end.
function M.delay()
  local now = M.now_ms()
  if now - M.started > M.duration_ms - M.drain_ms then
    return 3600000
  end
  if M.interval <= 0 then
    return 0
  end
  -- Slots are spaced by interval; a late thread does not burst to catch up beyond one slot.
  if M.next_slot < now - M.interval then
    M.next_slot = now - M.interval
  end
  M.next_slot = M.next_slot + M.interval
  local wait = M.next_slot - now
  if wait < 0 then
    return 0
  end
  return wait
end

local function json_counts(all)
  local parts = {}
  local names = {}
  for k in pairs(all) do names[#names + 1] = k end
  table.sort(names)
  for _, k in ipairs(names) do
    parts[#parts + 1] = string.format('"%s":%d', k, all[k])
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

function M.done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    local c = t:get("bench_counts")
    if c then
      for k, v in pairs(c) do
        all[k] = (all[k] or 0) + v
      end
    end
  end
  local e = summary.errors
  local out = string.format(
    'BENCH_JSON {"duration_us":%d,"measured_ms":%d,"requests":%d,"bytes":%d,'
    .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
    .. '"latency_us":{"min":%d,"mean":%.1f,"max":%d,"stdev":%.1f,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d},'
    .. '"counts":%s}',
    summary.duration, M.duration_ms - M.drain_ms, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.max, latency.stdev,
    latency:percentile(50), latency:percentile(75), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), json_counts(all))
  io.write(out .. "\n")
end

return M
