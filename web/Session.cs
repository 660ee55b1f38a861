using Microsoft.AspNetCore.Components;

namespace CustomerPlatform.Web;

/// <summary>Who is signed in, as the gateway's session says (the page never sees a token).</summary>
public sealed class Session(PlatformApi api, NavigationManager navigation)
{
    private Task? _loading;

    public event Action? Changed;

    /// <summary>True once the session has been asked for.</summary>
    public bool Known { get; private set; }

    public Me? User { get; private set; }

    public bool IsStaff => User?.Roles.Any(r => r is "admin" or "csm" or "agent") == true;

    public bool IsIn(string role) => User?.Roles.Contains(role) == true;

    public Task LoadAsync() => _loading ??= ReloadAsync();

    public async Task ReloadAsync()
    {
        var me = await api.GetAsync<Me>("/api/identity/me");
        User = me.Ok ? me.Value : null;
        Known = true;
        Changed?.Invoke();
    }

    /// <summary>Signs in through Identity's page and comes back to <paramref name="returnPath"/>.</summary>
    public void SignIn(string returnPath = "") =>
        navigation.NavigateTo("/sign-in?returnUrl=" + Uri.EscapeDataString("/" + returnPath.TrimStart('/')), forceLoad: true);

    public async Task SignOutAsync()
    {
        // The gateway ends its session and Identity's; the page then starts afresh.
        await api.PostAsync<NoContent>("/sign-out", null);
        navigation.NavigateTo("/signed-out", forceLoad: true);
    }
}

public sealed record Me(Guid CustomerId, string Email, string DisplayName, bool EmailVerified, string[] Roles);
