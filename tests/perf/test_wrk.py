"""The harness reads wrk's output into figures and writes the Lua script that walks wrk through a path list."""

import pytest

from perf.harness import wrk

NOT_FOUND_RUN = """\
Running 1s test @ http://127.0.0.1:8799/nonexistent
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.47ms    2.56ms  16.35ms   82.38%
    Req/Sec     1.06k     0.92k    2.52k    70.00%
  Latency Distribution
     50%    1.00ms
     75%    4.06ms
     90%    6.19ms
     99%    9.45ms
  1054 requests in 1.00s, 535.42KB read
  Non-2xx or 3xx responses: 1054
Requests/sec:   1053.63
Transfer/sec:    535.23KB
"""

SLOW_RUN_WITH_SOCKET_ERRORS = """\
Running 8s test @ http://127.0.0.1:8765/topics/parking/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.50ms  300.10ms   1.99s    70.00%
    Req/Sec    20.01     10.00    40.00     60.00%
  Latency Distribution
     50%  850.00us
     75%  500.00ms
     90%    1.20s
     99%    1.85s
  310 requests in 8.01s, 4.20MB read
  Socket errors: connect 0, read 2, write 1, timeout 7
Requests/sec:     38.70
Transfer/sec:    536.91KB
"""


def test_the_rate_the_median_and_the_99th_percentile_are_read_in_milliseconds():
    figures = wrk.parse(NOT_FOUND_RUN)
    assert figures.requests == 1054
    assert figures.rps == 1053.63
    assert figures.p50_ms == 1.0
    assert figures.p99_ms == 9.45


def test_answers_of_400_and_more_are_counted_apart_from_socket_errors():
    assert wrk.parse(NOT_FOUND_RUN).non_2xx == 1054
    assert wrk.parse(NOT_FOUND_RUN).errors == 0
    slow = wrk.parse(SLOW_RUN_WITH_SOCKET_ERRORS)
    assert slow.errors == 10
    assert slow.non_2xx == 0


def test_microseconds_and_seconds_are_converted_to_milliseconds():
    slow = wrk.parse(SLOW_RUN_WITH_SOCKET_ERRORS)
    assert slow.p50_ms == pytest.approx(0.85)
    assert slow.p99_ms == pytest.approx(1850.0)


def test_a_run_that_printed_nothing_gives_zeros():
    assert wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n") == wrk.WrkResult(0, 0.0, 0.0, 0.0, 0, 0)


def test_the_command_asks_for_the_latency_distribution_and_sends_the_headers_and_script(tmp_path):
    script = tmp_path / "paths.lua"
    line = wrk.command(
        "http://127.0.0.1:8000/",
        seconds=2,
        connections=16,
        headers={"Accept-Encoding": "gzip", "Cookie": "sessionid=abc"},
        script=script,
    )
    assert line[:4] == ["wrk", "-t2", "-c16", "-d2s"]
    assert line[-2:] == ["--latency", "http://127.0.0.1:8000/"]
    assert line[4:6] == ["-H", "Accept-Encoding: gzip"]
    assert line[6:8] == ["-H", "Cookie: sessionid=abc"]
    assert ["-s", str(script)] == line[8:10]


def test_the_path_list_script_walks_through_every_path_in_order():
    paths = ["/cities/emmen/", "/topics/parking/threads/7/", "/cities/?country=DE&sump=adopted"]
    script = wrk.path_list_script(paths)
    listed = script.split("local paths = {\n", 1)[1].split("}\n", 1)[0].splitlines()
    assert listed == ['  "/cities/emmen/",', '  "/topics/parking/threads/7/",', '  "/cities/?country=DE&sump=adopted",']
    assert "next_path % #paths + 1" in script
    assert 'wrk.format("GET", paths[next_path])' in script


def test_quotes_and_backslashes_in_a_path_are_escaped_for_lua():
    assert wrk.lua_string('/search/?q="bus"') == '"/search/?q=\\"bus\\""'
    assert wrk.lua_string("/a\\b") == '"/a\\\\b"'


@pytest.mark.parametrize("path", ["/cities/\n", "/cities/\x00", "/cities/\x7f"])
def test_a_path_with_a_control_character_is_refused(path):
    with pytest.raises(ValueError):
        wrk.path_list_script([path])


def test_an_empty_path_list_is_refused():
    with pytest.raises(ValueError):
        wrk.path_list_script([])


def test_the_script_is_written_where_asked(tmp_path):
    file = wrk.write_path_list(["/"], tmp_path / "paths.lua")
    assert file.read_text() == wrk.path_list_script(["/"])
