using System.Diagnostics;
using System.Text;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>Runs a short command (chown, initdb) to completion and returns its exit code and output.</summary>
internal static class CommandRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    public static async Task<string> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var (exitCode, output) = await RunAsync(fileName, arguments, cancellationToken, workingDirectory);
        return exitCode == 0
            ? output
            : throw new DistributedApplicationException($"'{fileName}' failed with exit code {exitCode}: {output.Trim()}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
