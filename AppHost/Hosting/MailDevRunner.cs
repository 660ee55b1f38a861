namespace CustomerPlatform.AppHost.Hosting;

/// <summary>MailDev run by node from the repository's tools folder, keeping mail in <c>&lt;data&gt;/&lt;name&gt;</c>.</summary>
internal sealed class MailDevRunner(MailDevResource resource, RunnerContext context)
    : ResourceRunner(resource, context), IConnectionStringSource
{
    private const string InstallHint = "Install it in the repository: npm install maildev@3 --prefix .tools/maildev";

    public string ConnectionString => $"smtp://127.0.0.1:{Port("smtp")}";

    protected override TimeSpan StopTimeout => TimeSpan.FromSeconds(3);

    protected override Task LaunchAsync(CancellationToken cancellationToken)
    {
        var script = Executables.Existing(
            Context.Options.MailDevScript ?? Path.Combine(RepositoryLayout.Root, ".tools", "maildev", "node_modules", "maildev", "dist", "bin", "maildev.js"),
            InstallHint);
        var node = Executables.OnPath("node", "Install Node.js 20 or later (apt-get install nodejs).");
        var mailFolder = Directory.CreateDirectory(Path.Combine(Context.DataDirectory, Resource.Name)).FullName;
        var web = Port("http");
        var process = StartProcess(new ProcessSpec(
            Resource.Name,
            node,
            [script, "--smtp", $"{Port("smtp")}", "--web", $"{web}", "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", mailFolder],
            new Dictionary<string, string>(),
            mailFolder));
        AddInstance(new RunnerInstance(Resource.Name, process, $"http://127.0.0.1:{web}"),
            ct => HealthProbes.HttpOkAsync($"http://127.0.0.1:{web}/api/healthz", ct));
        return Task.CompletedTask;
    }
}
