-- One-step card payments (implicit order, automatic capture), a unique Idempotency-Key each.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local bench = require("common")

local body

function setup(thread) bench.setup(thread) end

function init(args)
  bench.init()
  body = bench.card_body(1999, "automatic")
end

function request()
  return bench.payment_request(body)
end

function delay() return bench.delay() end

function response(status, headers, resp)
  if status == 201 then
    bench.count("payments_201")
  else
    bench.count("status_" .. status)
  end
end

function done(summary, latency, requests) bench.done(summary, latency, requests) end
