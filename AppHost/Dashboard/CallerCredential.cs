namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>How a request proved it may use the dashboard; cookies need an extra check on writes.</summary>
internal enum CallerCredential
{
    None,
    Cookie,
    BearerToken,
}
