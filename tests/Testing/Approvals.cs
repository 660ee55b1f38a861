using System.Net;
using System.Text.Json;

namespace CustomerPlatform.Testing;

/// <summary>The staff approval queue (journey steps 6, 11 and 19).</summary>
public static class Approvals
{
    public static async Task<JsonElement> WaitForPendingAsync(ApiSession staff, Guid customerId, int step, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pending = await staff.GetAsync("/api/onboarding/approvals?status=pending");
            foreach (var approval in pending.EnumerateArray())
            {
                if (approval.GetProperty("customerId").GetGuid() == customerId && approval.GetProperty("step").GetInt32() == step)
                    return approval;
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No pending approval of step {step} for {customerId} in {staff.Email}'s queue.");
            await Task.Delay(200);
        }
    }

    public static Task<HttpStatusCode> DecideAsync(ApiSession staff, Guid approvalId, string decision, string? reason = null) =>
        staff.StatusOfAsync(HttpMethod.Post, $"/api/onboarding/approvals/{approvalId}/decision", new { decision, reason });

    public static Guid Id(JsonElement approval) => approval.GetProperty("approvalId").GetGuid();
}
