using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerPlatform.Journey.LoadTest;

/// <summary>
/// Every simulated customer's mailbox at once: one reader fetches what reached MailDev twice a second, files it
/// by recipient and deletes it from MailDev. Hundreds of customers each asking MailDev for their own mail
/// several times a second made MailDev — which reads its whole store on every request — the bottleneck of the
/// run; a real customer's mailbox costs the platform nothing.
/// </summary>
internal sealed class SharedInbox : IAsyncDisposable
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonElement>> _byRecipient = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    public SharedInbox(Uri webEndpoint)
    {
        _http = new HttpClient { BaseAddress = webEndpoint };
        _reader = ReadAsync(_stop.Token);
    }

    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(string address, Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_reader.IsFaulted)
                await _reader; // MailDev failed: say why instead of timing out
            var emails = _byRecipient.TryGetValue(address, out var queue) ? queue.ToList() : [];
            if (done(emails))
                return emails;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{emails.Count} email(s) reached {address}; the expected ones never arrived.");
            await Task.Delay(100);
        }
    }

    private async Task ReadAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var emails = await _http.GetFromJsonAsync<JsonElement[]>("/api/email", stop) ?? [];
                foreach (var email in emails)
                {
                    foreach (var to in email.GetProperty("to").EnumerateArray())
                        _byRecipient.GetOrAdd(to.GetProperty("address").GetString() ?? "", _ => new()).Enqueue(email.Clone());
                }

                if (emails.Length > 0)
                {
                    using var deleted = await _http.PostAsJsonAsync("/api/email/delete", new { ids = emails.Select(e => e.GetProperty("id").GetString()).ToArray() }, stop);
                    deleted.EnsureSuccessStatusCode();
                }

                await Task.Delay(ReadEvery, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
        _http.Dispose();
    }
}
