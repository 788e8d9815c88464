"""python -m scripts.serve [--port 8000]

Serve output/ on http://127.0.0.1:PORT and rebuild when content/, theme/, data/ or plugins/
change. Build errors are printed as `path:line: message`; the last good site stays up.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from watchfiles import watch

from scripts.build import main as build_main

WATCHED = ("content", "theme", "data", "plugins", "digest", "pelicanconf.py")


def serve(output: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.serve", description=__doc__.split("\n\n")[1])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", type=Path, default=Path("output"))
    args = parser.parse_args(argv)
    server = serve(args.output, args.port)
    print(f"serving {args.output} on http://localhost:{args.port}/ (Ctrl-C to stop)")
    try:
        for changes in watch(*[path for path in WATCHED if Path(path).exists()]):
            print(f"{len(changes)} change(s); rebuilding")
            build_main(["--output", str(args.output)])
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
