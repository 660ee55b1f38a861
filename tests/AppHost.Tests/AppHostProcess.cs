using System.Diagnostics;
using System.Text;
using CustomerPlatform.AppHost.Resources;

namespace CustomerPlatform.AppHost.Tests;

/// <summary>The AppHost run as a separate process, as <c>./run.sh</c> runs it, and everything it printed so far.</summary>
internal sealed class AppHostProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    private AppHostProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>
    /// Starts the built AppHost with its data in <paramref name="dataDirectory"/>, only the servers, and
    /// free ports everywhere (the dashboard's two on ports chosen here, as it needs fixed ones); <paramref name="ports"/> override.
    /// </summary>
    public static AppHostProcess Start(string dataDirectory, params (string Setting, int Port)[] ports) =>
        Start(dataDirectory, onTerminal: false, ports);

    /// <summary>
    /// As <see cref="Start(string, (string Setting, int Port)[])"/>, but with <paramref name="onTerminal"/> the AppHost
    /// runs as the foreground job of a pseudo-terminal of its own (util-linux <c>script</c>), as in a developer's
    /// terminal, so that <see cref="TypeCtrlC"/> reaches it the way a key press does: the terminal's line
    /// discipline turns it into SIGINT for the foreground process group. SIGINT is restored to its default
    /// first (<c>env --default-signal</c>): a shell without job control starts background commands with SIGINT
    /// ignored, the ignoring is inherited, and a test run started that way would otherwise type Ctrl+C at an
    /// AppHost that cannot hear it, which no developer's terminal does.
    /// </summary>
    public static AppHostProcess Start(string dataDirectory, bool onTerminal, params (string Setting, int Port)[] ports)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CustomerPlatform.AppHost.dll");
        var settings = typeof(AppHostPorts).GetProperties().ToDictionary(p => p.Name, p => p.Name.StartsWith("Dashboard", StringComparison.Ordinal) ? ResourceBuilderExtensions.FreePort() : 0);
        foreach (var (setting, port) in ports)
            settings[setting] = port;
        string[] arguments = ["dotnet", dll, $"--AppHost:DataDirectory={dataDirectory}", "--AppHost:InfrastructureOnly=true",
            .. settings.Select(s => $"--AppHost:Ports:{s.Key}={s.Value}")];
        if (onTerminal)
            arguments = ["script", "--quiet", "--flush", "--return", "--command", "exec env --default-signal=INT " + string.Join(' ', arguments.Select(ShellQuote)), "/dev/null"];
        var startInfo = new ProcessStartInfo(arguments[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = onTerminal };
        foreach (var argument in arguments.Skip(1))
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.WorkingDirectory = AppContext.BaseDirectory;
        return new AppHostProcess(Process.Start(startInfo)!) { DashboardPort = settings[nameof(AppHostPorts.Dashboard)] };
    }

    public int DashboardPort { get; private init; }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !Process.HasExited, $"No '{text}' in:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>Types Ctrl+C on the AppHost's terminal (only for one started on a terminal).</summary>
    public void TypeCtrlC()
    {
        Process.StandardInput.Write('\u0003');
        Process.StandardInput.Flush();
    }

    public void Dispose()
    {
        // The whole tree: on a terminal the AppHost is script's child, and the servers are its descendants.
        if (!Process.HasExited)
            Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }

    private static string ShellQuote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void Append(string? line)
    {
        lock (_output)
            _output.AppendLine(line);
    }
}
