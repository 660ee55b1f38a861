using System.Net.Http.Json;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>Reads what reached the SMTP server, through MailDev's REST API on its web port.</summary>
public sealed class MailDevClient(Uri webEndpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = webEndpoint };

    public async Task<IReadOnlyList<MailDevEmail>> ToAsync(string address)
    {
        var all = await _http.GetFromJsonAsync<List<MailDevEmail>>("api/email") ?? [];
        return all.Where(e => e.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>Waits until at least one email reached <paramref name="address"/>, then returns every email to it.</summary>
    public async Task<IReadOnlyList<MailDevEmail>> WaitForAsync(string address, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var emails = await ToAsync(address);
            if (emails.Count > 0)
                return emails;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No email reached {address}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The email exactly as the SMTP server received it (MailDev's JSON leaves some headers out, Reply-To among them).</summary>
    public async Task<MimeKit.MimeMessage> SourceAsync(string id)
    {
        await using var source = await _http.GetStreamAsync($"api/email/{id}/source");
        return await MimeKit.MimeMessage.LoadAsync(source);
    }

    public void Dispose() => _http.Dispose();
}
