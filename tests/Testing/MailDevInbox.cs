using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerPlatform.Testing;

/// <summary>Reads what reached the development SMTP server, through MailDev's REST API.</summary>
public sealed class MailDevInbox(Uri webEndpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = webEndpoint };

    /// <summary>Waits for the emails sent to <paramref name="address"/> until <paramref name="done"/> holds.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(string address, Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var emails = await ToAsync(address);
            if (done(emails))
                return emails;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"MailDev has {emails.Count} email(s) for {address}; the expected ones never arrived.");
            await Task.Delay(250);
        }
    }

    public async Task<IReadOnlyList<JsonElement>> ToAsync(string address)
    {
        // MailDev filters on the server (a case-insensitive "contains"); the exact match is ours.
        var all = await _http.GetFromJsonAsync<JsonElement[]>($"/api/email?to.address={Uri.EscapeDataString(address)}") ?? [];
        return all.Where(email => email.GetProperty("to").EnumerateArray()
                .Any(to => string.Equals(to.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    public void Dispose() => _http.Dispose();
}
