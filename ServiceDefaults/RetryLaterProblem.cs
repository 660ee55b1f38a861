using System.Globalization;
using Microsoft.AspNetCore.Http;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// The one answer for "nothing was done, come back later": a status (429 too many requests, 503 busy),
/// <c>Retry-After</c> in whole seconds, and a problem body that says how long.
/// </summary>
public static class RetryLaterProblem
{
    public static ValueTask<bool> WriteAsync(HttpContext context, int status, int retryAfterSeconds, string title, string type, Exception? exception = null)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = $"Nothing was changed. Try again in {retryAfterSeconds} seconds.",
                Type = type,
            },
        });
    }

    /// <summary>
    /// The rate limiter's refusal (<c>RateLimiterOptions.OnRejected</c>): 429 with the lease's <c>Retry-After</c> (at least a
    /// second) and the problem body; the request went no further.
    /// </summary>
    public static async ValueTask TooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        await WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, seconds, "Too many requests.", "https://tools.ietf.org/html/rfc6585#section-4");
    }
}
