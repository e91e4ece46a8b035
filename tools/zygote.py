"""Kernels forked from a warm process, so that each notebook still runs in a fresh
process but no notebook pays for importing its framework again.

Importing TensorFlow takes about 4 s, JAX with Flax or PyTorch about 2 s, MXNet 1 s,
ipykernel itself 0.4 s: most of what evaluating a short section costs. The build starts
one zygote per tab in the tab's own environment (``python tools/zygote.py SOCKET
MODULE…``); it imports ipykernel and the tab's framework (tools/frameworks.py,
``preload``), does nothing else, and forks a kernel for every notebook. Each kernel
starts from the same state a new ``python -m ipykernel_launcher`` would reach after the
notebook's own imports: nothing has run, no layer exists, no generator is seeded.

Two halves: ``serve`` runs in the tab's environment with the standard library and
ipykernel only, and ends when the build process that started it ends; ``Provisioner`` (imported by the build, in the toolchain environment)
lets jupyter_client start kernels through a zygote instead of a new process.
"""
import contextlib
import json
import os
import signal
import socket
import sys
import tempfile
import threading


# --------------------------------------------------------------------------- in the tab's environment

def serve(path, parent, preload):
    import importlib
    # ipykernel makes the inline backend matplotlib's default when a kernel starts; a framework
    # that imports matplotlib on its way in (TensorFlow does) must see that default here too
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # the framework, then the kernel itself with what every kernel imports as it starts (its
    # shell, and the debugger, which pulls in debugpy): about 0.1 s of each kernel's start
    for name in [*preload, "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger"]:
        importlib.import_module(name)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()
    server.settimeout(1.0)
    children = set()
    while os.getppid() == parent:  # the build went away (even while this was importing): so does the zygote
        try:
            conn, _ = server.accept()
        except socket.timeout:
            continue
        conn.settimeout(None)
        request = json.loads(conn.makefile().readline())
        pid = os.fork()
        if pid == 0:
            try:
                server.close()
                _become_kernel(request, conn)
            finally:
                os._exit(1)
        children.add(pid)
        conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        threading.Thread(target=_report_exit, args=(pid, conn), daemon=True).start()
    for pid in children:  # kernels still running when the build died (each also watches this process)
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _report_exit(pid, conn):
    _, status = os.waitpid(pid, 0)
    try:
        conn.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode() + b"\n")
    except OSError:
        pass
    conn.close()


def _become_kernel(request, conn):
    conn.close()
    os.setsid()  # its own process group, as jupyter_client's launcher gives a kernel
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    null = os.open(os.devnull, os.O_RDONLY)
    log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644) if request["log"] else \
        os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]  # as for python -m
    # the kernel exits when its parent, this zygote, is gone (ipykernel's parent poller; its
    # JPY_PARENT_PID default was read when the zygote imported ipykernel, so say it here)
    sys.argv = ["ipykernel_launcher", *request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"]
    from ipykernel import kernelapp
    kernelapp.launch_new_instance()
    os._exit(0)


# --------------------------------------------------------------------------- in the build

class ForkedKernel:
    """The part of subprocess.Popen that jupyter_client uses, for a kernel the zygote forked.
    The zygote writes one line with the kernel's pid, later one with its exit code."""
    stdin = stdout = stderr = None

    def __init__(self, conn):
        self._conn, self._buffer = conn, b""
        self.pid = self._line(None)["pid"]
        self.returncode = None

    def _line(self, timeout):
        """The next message, or None when none came within ``timeout`` seconds."""
        import select
        while b"\n" not in self._buffer:
            if not select.select([self._conn], [], [], timeout)[0]:
                return None
            data = self._conn.recv(4096)
            if not data:  # the zygote is gone, and the kernel with it
                return {"exit": -1}
            self._buffer += data
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _read_exit(self, timeout):
        message = self._line(timeout)
        if message is not None:
            self.returncode = message["exit"]
            self._conn.close()
        return self.returncode

    def poll(self):
        return self.returncode if self.returncode is not None else self._read_exit(0)

    def wait(self, timeout=None):
        if self.returncode is None:
            self._read_exit(timeout)
        if self.returncode is None:
            import subprocess
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
        return self.returncode

    def send_signal(self, sig):
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        self.send_signal(signal.SIGTERM)


class Client:
    """Asks a running zygote (its socket) for kernels: what a build worker holds."""

    def __init__(self, path):
        self.path = path

    def spawn(self, argv, env, cwd, log):
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(self.path)
        conn.sendall(json.dumps({"argv": argv, "env": env, "cwd": cwd, "log": log}).encode() + b"\n")
        return ForkedKernel(conn)


class Zygote(Client):
    """One warm process for a tab, started by the build process and ended with it.
    With ``wait=False`` the caller starts several, then waits with ``wait_ready``."""

    def __init__(self, python, preload, folder, env, wait=True):
        import subprocess
        os.makedirs(folder, exist_ok=True)
        super().__init__(os.path.join(folder, "zygote.sock"))
        self.python, self.log = python, os.path.join(folder, "zygote.log")
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen([python, os.path.abspath(__file__), self.path, str(os.getpid()), *preload],
                                         env=env, stdout=subprocess.DEVNULL, stderr=out)
        if wait:
            self.wait_ready()

    def wait_ready(self, seconds=300):
        import time
        deadline = time.time() + seconds
        while not os.path.exists(self.path):
            if self.proc.poll() is not None or time.time() > deadline:
                with open(self.log, errors="replace") as f:
                    raise RuntimeError(f"the kernel zygote ({self.python}) did not start: {f.read()[-2000:]}")
            time.sleep(0.05)

    def close(self):
        self.proc.kill()
        self.proc.wait()


class StartError(RuntimeError):
    """A zygote did not start (its environment cannot import ipykernel or the framework)."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


@contextlib.contextmanager
def running(pythons):
    """{name: socket} of one zygote per entry of ``pythons`` ({name: (python, preload, extra
    environment)}), started together and alive while the block runs."""
    with tempfile.TemporaryDirectory(prefix="d2l-zygotes-") as folder:
        started = {}
        try:
            for name, (python, preload, env) in pythons.items():  # each imports while the next starts
                started[name] = Zygote(python, preload, os.path.join(folder, name), dict(os.environ, **env),
                                       wait=False)
            for name, z in started.items():
                try:
                    z.wait_ready()
                except RuntimeError as e:
                    raise StartError(name, str(e)) from None
            yield {name: z.path for name, z in started.items()}
        finally:
            for z in started.values():
                z.close()


def kernelspec_argv(path, args):
    """A kernelspec's argv that starts its kernels from the zygote at ``path``, for any
    Jupyter client (nbval): this file, as a stand-in process the client manages."""
    return [sys.executable, os.path.abspath(__file__), "--kernel", path, "--", "-f", "{connection_file}", *args]


def stand_in(path, argv):
    """Ask the zygote at ``path`` for a kernel with ``argv``, pass signals on to it, and
    exit with it: to the client, this process is the kernel."""
    kernel = Client(path).spawn(argv, dict(os.environ), os.getcwd(), None)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda number, frame: kernel.send_signal(number))
    sys.exit(kernel.wait())


def provisioner_class(zygotes):
    """A jupyter_client provisioner that starts kernels through ``zygotes(tab)``."""
    from jupyter_client.provisioning import LocalProvisioner

    class Provisioner(LocalProvisioner):
        async def launch_kernel(self, cmd, **kwargs):
            tab = self.kernel_spec.metadata["d2l_tab"]
            argv = cmd[cmd.index("ipykernel_launcher") + 1:]
            log = getattr(kwargs.get("stderr"), "name", None)
            self.process = zygotes(tab).spawn(argv, dict(kwargs["env"]), str(kwargs.get("cwd") or os.getcwd()), log)
            self.pid = self.pgid = self.process.pid  # the kernel leads its own group (setsid)
            self.cwd = kwargs.get("cwd")
            return self.connection_info

    return Provisioner


def client_class():
    from queue import Empty
    import time
    from jupyter_client.asynchronous import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout=None):
            """Ready when the kernel has answered kernel_info and IOPub has carried the idle
            status of that request: IOPub is connected and nothing before it is left to read.
            (jupyter_client's own wait ends with 0.2 s of silence on IOPub: a fifth of a
            second of every notebook.)"""
            deadline = time.monotonic() + (timeout or float("inf"))
            while True:
                self.kernel_info()
                try:
                    reply = await self.shell_channel.get_msg(timeout=1)
                    if reply["msg_type"] == "kernel_info_reply":
                        while True:  # Empty when IOPub is not connected yet: ask again
                            msg = await self.iopub_channel.get_msg(timeout=0.05)
                            if (msg["msg_type"], msg["content"].get("execution_state")) == ("status", "idle") \
                                    and msg["parent_header"].get("msg_id") == reply["parent_header"]["msg_id"]:
                                self._handle_kernel_info_reply(reply)
                                return
                except Empty:
                    pass
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

    return ReadyClient


def kernel_manager_class(zygotes):
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default
    provisioner = provisioner_class(zygotes)

    class KernelManager(AsyncKernelManager):
        @default("client_factory")
        def _client_factory_default(self):
            return client_class()

        async def _async_wait(self, pollinterval=0.1):
            # the zygote reports a kernel's exit at once: look every 5 ms, not every 0.1 s
            # (a tenth of a second of every notebook)
            await super()._async_wait(pollinterval=0.005)

        async def _async_pre_start_kernel(self, **kw):
            result = await super()._async_pre_start_kernel(**kw)
            self.provisioner.__class__ = provisioner  # same state, zygote launch
            return result

    return KernelManager


if __name__ == "__main__":
    if sys.argv[1] == "--kernel":  # python zygote.py --kernel SOCKET -- ARGS…
        stand_in(sys.argv[2], sys.argv[4:])
    else:  # python zygote.py SOCKET PARENT_PID MODULE…
        serve(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
