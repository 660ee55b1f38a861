using System.Collections.Concurrent;
using System.Net;
using CustomerPlatform.Testing;

namespace CustomerPlatform.Journey.LoadTest;

/// <summary>A staff member working the approval queue: approves whatever is pending, over and over.</summary>
internal static class Approver
{
    public static async Task RunAsync(ApiSession admin, ConcurrentDictionary<(Guid Customer, int Step), DateTimeOffset> decided, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var pending = await admin.GetAsync("/api/onboarding/approvals?status=pending", stop);
                foreach (var approval in pending.EnumerateArray())
                {
                    var key = (approval.GetProperty("customerId").GetGuid(), approval.GetProperty("step").GetInt32());
                    var sentAt = DateTimeOffset.UtcNow;
                    if (await Approvals.DecideAsync(admin, Approvals.Id(approval), "approve") == HttpStatusCode.Accepted)
                        decided[key] = sentAt;
                }

                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
