namespace CustomerPlatform.Web;

/// <summary>
/// The visitor's help-centre session, for the self-service score: one id for as long as the app runs in this tab,
/// sent once, from the browser only (not while the gateway prerenders the page).
/// </summary>
public sealed class HelpCentreSession(PlatformApi api)
{
    private readonly Guid _id = Guid.NewGuid();
    private bool _sent;

    public async Task StartAsync()
    {
        if (_sent || !OperatingSystem.IsBrowser())
            return;
        _sent = true;
        var result = await api.PostAsync<NoContent>("/api/support/kb-sessions", new { sessionId = _id });
        _sent = result.Ok;
    }
}
