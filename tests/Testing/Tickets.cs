using System.Net;
using System.Text.Json;

namespace CustomerPlatform.Testing;

/// <summary>Support tickets as the app reads them (journey.md, Ticketing).</summary>
public static class Tickets
{
    /// <summary>Polls until <paramref name="ticketId"/> is there for <paramref name="reader"/>; answers its thread.</summary>
    public static async Task<JsonElement> WaitForAsync(ApiSession reader, Guid ticketId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await reader.SendAsync(HttpMethod.Get, $"/api/support/tickets/{ticketId}");
            if (response.StatusCode == HttpStatusCode.OK)
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Ticket {ticketId} never reached {reader.Email}: {(int)response.StatusCode}");
            await Task.Delay(250);
        }
    }
}
