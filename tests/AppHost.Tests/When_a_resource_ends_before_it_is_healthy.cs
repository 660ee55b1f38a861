using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPlatform.AppHost.Tests;

public sealed class When_a_resource_ends_before_it_is_healthy
{
    /// <summary>A server that stops during the start says why in the test's failure, not only "Finished".</summary>
    [Fact]
    public async Task Should_fail_the_start_with_the_resources_last_output()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApplication.StartAsync(
            builder =>
            {
                // Like a server's check, it never passes before the server has started; this one never starts.
                builder.Services.AddHealthChecks().AddCheck("quitter_check", () => HealthCheckResult.Unhealthy("not listening"));
                builder.AddExecutable("quitter", "sh", ".", "-c", "echo 'ERROR: could not bind port 1234'; exit 0").WithHealthCheck("quitter_check");
            },
            ["quitter"], timeout.Token));

        Assert.Contains("quitter Finished", failure.Message);
        Assert.Contains("the last output of quitter", failure.Message);
        Assert.Contains("ERROR: could not bind port 1234", failure.Message);
    }

    /// <summary>
    /// A process that dies of an unhandled exception says why on its error output, then its other
    /// threads may go on logging for seconds (the gateway did for 20 s on CI): the reason is shown apart.
    /// </summary>
    [Fact]
    public async Task Should_show_the_error_output_that_came_before_the_last_lines()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApplication.StartAsync(
            builder =>
            {
                builder.Services.AddHealthChecks().AddCheck("crasher_check", () => HealthCheckResult.Unhealthy("not listening"));
                builder.AddExecutable(
                        "crasher", "sh", ".", "-c",
                        "echo 'Unhandled exception. System.IO.IOException: address already in use' >&2; sleep 1; for i in $(seq 1 40); do echo \"still polling $i\"; done; exit 134")
                    .WithHealthCheck("crasher_check");
            },
            ["crasher"], timeout.Token));

        Assert.Contains("exit code 134", failure.Message);
        Assert.Contains("still polling 40", failure.Message);
        Assert.Contains("the last error output of crasher", failure.Message);
        Assert.Contains("Unhandled exception. System.IO.IOException: address already in use", failure.Message);
    }
}
