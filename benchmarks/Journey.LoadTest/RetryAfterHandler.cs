using System.Net;

namespace CustomerPlatform.Journey.LoadTest;

/// <summary>
/// What the app does with an overloaded platform: a 503 or 429 with Retry-After is sent again after that wait
/// (the platform promises such an answer changed nothing). Counted, so the report says how often it happened.
/// </summary>
internal sealed class RetryAfterHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxRetries = 20;
    private int _retries;

    public int Retries => _retries;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (attempt == MaxRetries
                || response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                || response.Headers.RetryAfter?.Delta is not { } wait)
                return response;

            response.Dispose();
            Interlocked.Increment(ref _retries);
            await Task.Delay(wait, cancellationToken);
        }
    }
}
