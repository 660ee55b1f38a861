using System.Diagnostics;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// One server or project process. It is started through <c>setsid</c>, so it leads its own process
/// group and session: Ctrl+C in the terminal reaches only the AppHost, which then stops children in
/// dependency order. Its pid is recorded so a later run can clean up after a killed AppHost.
/// </summary>
internal sealed class ChildProcess
{
    private readonly Process _process;
    private readonly ProcessSpec _spec;
    private readonly LeftoverProcesses _registry;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, ProcessSpec spec, LeftoverProcesses registry)
    {
        _process = process;
        _spec = spec;
        _registry = registry;
    }

    public int Pid => Id.Pid;

    public ProcessTree.ProcessId Id { get; private set; }

    /// <summary>Completes with the exit code when the process ends (for any reason).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Starts the process; <paramref name="onLine"/> receives each stdout (false) and stderr (true) line.</summary>
    public static ChildProcess Start(ProcessSpec spec, LeftoverProcesses registry, Action<string, bool> onLine)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory,
        };
        foreach (var argument in ServiceAccount.SwitchUserPrefix(spec.RunAsUser).Append(spec.FileName).Concat(spec.Arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process, spec, registry);
        process.OutputDataReceived += (_, e) => Forward(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, isError: true);
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        child.Id = new ProcessTree.ProcessId(process.Id, ProcessTree.StartTime(process.Id) ?? 0);
        registry.Record(spec.InstanceId, child.Id, spec.StopSignal);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;

        void Forward(string? line, bool isError)
        {
            if (line is not null)
            {
                onLine(line, isError);
            }
        }
    }

    /// <summary>Kills the process group at once, as a crash would: no signal it can catch, no draining.</summary>
    public void Kill()
    {
        if (!_exited.Task.IsCompleted)
        {
            ProcessTree.Signal(Id, ProcessTree.Family(Id), Libc.SIGKILL);
        }
    }

    /// <summary>
    /// Asks the leader to stop with the spec's signal, kills its process group and family after
    /// <paramref name="timeout"/>, and once it has exited kills whatever is left (helpers that left the
    /// group). Only the leader is asked: servers stop their own workers, and RabbitMQ's shutdown
    /// stalls when its helper processes are signalled before the VM.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_exited.Task.IsCompleted)
        {
            var family = ProcessTree.Family(Id);
            Libc.Kill(Id.Pid, _spec.StopSignal);
            if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)) != _exited.Task)
            {
                ProcessTree.Signal(Id, family, Libc.SIGKILL);
                await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(2)));
            }

            ProcessTree.Signal(Id, family, Libc.SIGKILL);
        }

        await ReapFamilyAsync();
    }

    private void OnExited()
    {
        int exitCode;
        try
        {
            exitCode = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            exitCode = -1;
        }

        _exited.TrySetResult(exitCode);
    }

    /// <summary>After the leader is gone, nothing of its group may linger; then the pid file can go.</summary>
    private async Task ReapFamilyAsync()
    {
        Libc.Kill(-Id.Pid, Libc.SIGKILL);
        for (var i = 0; i < 50 && GroupAlive(); i++)
        {
            await Task.Delay(20);
        }

        _registry.Remove(_spec.InstanceId);
        _process.Dispose();
    }

    private bool GroupAlive() => ProcessTree.GroupHasMembers(Id.Pid);
}
