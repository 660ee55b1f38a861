using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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
}
