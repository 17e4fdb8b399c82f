-- Paced one-step card payments that record when each was sent and how long it took, for
-- bench/timeline.py: run with one connection per thread (-tN -cN), so that a thread's request()
-- and response() belong to the same request. Each of the N threads (BENCH_THREADS, as in common.lua)
-- takes BENCH_RATE / N payments per second on a fixed schedule of its own, the threads' schedules
-- staggered; a late thread sends at once and catches up the slots it missed, so the rate holds.
-- Latency is counted from the send, as wrk counts it.
--   BENCH_RATE=460 BENCH_THREADS=16 BENCH_TIMELINE_OUT=/tmp/tl.txt \
--     wrk -t16 -c16 -d30s --timeout 5s -s bench/lua/timeline.lua http://127.0.0.1:8080
-- Output: one line per answered request, "<send time, ms of CLOCK_MONOTONIC> <latency ms> <status>".
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local bench = require("common")

function setup(thread) bench.setup(thread) end

sent_latency = {}
local body, interval, next_slot, sent_at

function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS") or "")
  assert(n and n >= 1, "BENCH_THREADS: the number of wrk threads (-t), each with one connection")
  assert(bench.rate > 0, "BENCH_RATE: payments per second for the whole pass")
  assert(os.getenv("BENCH_TIMELINE_OUT"), "BENCH_TIMELINE_OUT: the file to write")
  body = bench.card_body(1999, "automatic")
  interval = 1000 * n / bench.rate
  next_slot = bench.now_ms() + (thread_no - 1) * interval / n
end

function request()
  sent_at = bench.now_ms()
  return bench.payment_request(body)
end

function delay()
  local now = bench.now_ms()
  next_slot = next_slot + interval
  if next_slot < now then
    return 0
  end
  return next_slot - now
end

function response(status, headers, resp)
  sent_latency[#sent_latency + 1] = string.format("%.3f %.3f %d", sent_at, bench.now_ms() - sent_at, status)
end

function done(summary, latency, requests)
  local f = assert(io.open(os.getenv("BENCH_TIMELINE_OUT"), "w"))
  for _, t in ipairs(bench.threads) do
    for _, line in ipairs(t:get("sent_latency")) do
      f:write(line, "\n")
    end
  end
  f:close()
end
