-- POST /login with a valid CSRF cookie/token pair and demo credentials (bench/run.sh fills them).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_CSRF_COOKIE")
wrk.body = os.getenv("BENCH_SIGNIN_BODY")

local bad = 0
response = function(status, headers, body)
  if status ~= 303 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("signin_requests %d\n", summary.requests))
end
