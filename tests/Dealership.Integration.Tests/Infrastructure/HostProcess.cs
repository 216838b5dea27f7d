using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>A silo or gateway run as its own process (`dotnet &lt;dll&gt;`), stopped gracefully with SIGTERM.</summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> waits = [];
    private TaskCompletionSource nextLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => this.process = process;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public static HostProcess Start(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is not built: ./test.sh builds the solution before running tests.", dll);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["DOTNET_gcServer"] = "0"; // several hosts share two cores in tests
        var host = new HostProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.process.Start();
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes when the process has printed <paramref name="text"/>; fails if it exits first or the time runs out.</summary>
    public async Task WaitForOutput(string text, TimeSpan timeout)
    {
        TaskCompletionSource seen;
        lock (output)
        {
            if (output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waits.Add((text, seen));
        }

        var exited = process.WaitForExitAsync();
        var finished = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (finished != seen.Task)
        {
            throw new TimeoutException($"Waited {timeout} for '{text}' (process exited: {process.HasExited}). Output:\n{Tail()}");
        }
    }

    /// <summary>Completes when the process has exited (and its output is read to the end), with its exit code.</summary>
    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>
    /// What the process printed from <paramref name="from"/> on, once it satisfies <paramref name="done"/> or the time runs out
    /// (then as it stands, for the caller's assertion to show). A log line can arrive a moment after the call that caused it.
    /// </summary>
    public async Task<string> OutputSince(int from, Func<string, bool> done, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Task line;
            string since;
            lock (output)
            {
                line = nextLine.Task;
                since = output.ToString(from, output.Length - from);
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (done(since) || left <= TimeSpan.Zero || process.HasExited)
            {
                return since;
            }

            await Task.WhenAny(line, Task.Delay(left));
        }
    }

    /// <summary>Completes when the process prints its next line (a barrier for re-checking a condition on the output).</summary>
    public Task NextLine(TimeSpan timeout)
    {
        Task line;
        lock (output)
        {
            line = nextLine.Task;
        }

        return line.WaitAsync(timeout);
    }

    /// <summary>Graceful stop (SIGTERM), as Ctrl-C or a service manager would do it.</summary>
    public async Task Stop(TimeSpan? timeout = null)
    {
        if (process.HasExited)
        {
            return;
        }

        _ = Kill(process.Id, 15);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(40));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Process did not stop after SIGTERM. Output:\n" + Tail());
        }
    }

    /// <summary>SIGKILL, as a crash or the kernel's OOM killer ends a process: nothing is flushed, no one is told.</summary>
    public async Task KillNow()
    {
        _ = Kill(process.Id, 9);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(cts.Token);
    }

    public string Tail(int lines = 60) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            foreach (var wait in waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Seen.TrySetResult();
                waits.Remove(wait);
            }

            var arrived = nextLine;
            nextLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.TrySetResult();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
