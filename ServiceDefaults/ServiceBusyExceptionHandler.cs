using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Overload answers 503 with Retry-After, never 500: a request that could not get at the database because it
/// is saturated (no pooled connection freed up within the pool's timeout, the server out of connection slots)
/// or that a service turned away itself (<see cref="ServiceBusyException"/>, e.g. too many password checks
/// queued). Nothing was written — the transaction never began or was rolled back — so the client may simply
/// try again, and a client that honours Retry-After spreads a burst out instead of failing.
/// </summary>
public sealed partial class ServiceBusyExceptionHandler(ILogger<ServiceBusyExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait when the database is saturated; a burst on this machine clears in a few.</summary>
    public const int DatabaseRetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var retryAfter = exception is ServiceBusyException busy ? (int)Math.Ceiling(busy.RetryAfter.TotalSeconds)
            : IsDatabaseBusy(exception) ? DatabaseRetryAfterSeconds
            : 0;
        if (retryAfter <= 0 || httpContext.Response.HasStarted)
            return false;

        LogBusy(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        return await RetryLaterProblem.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, retryAfter,
            "The service is busy.", "https://tools.ietf.org/html/rfc9110#section-15.6.4", exception);
    }

    /// <summary>Whether the exception, or one it wraps (EF's retry strategy wraps the last failure), says the database is saturated.</summary>
    public static bool IsDatabaseBusy(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when IsOutOfResources(postgres.SqlState):
                    return true;
                case NpgsqlException when current.InnerException is TimeoutException:
                    return true; // the pool's wait for a free connection ran out
                case RetryLimitExceededException:
                    continue;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Busy: {Method} {Path} answered 503 ({Reason}).")]
    private static partial void LogBusy(ILogger logger, string method, PathString path, string reason);

    // 53xxx: insufficient resources (53300 too many connections); 57P03: the server is starting or shutting down.
    private static bool IsOutOfResources(string sqlState) =>
        sqlState.StartsWith("53", StringComparison.Ordinal) || sqlState == PostgresErrorCodes.CannotConnectNow;
}
