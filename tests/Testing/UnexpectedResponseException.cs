using System.Net;

namespace CustomerPlatform.Testing;

public sealed class UnexpectedResponseException(string message, HttpStatusCode status) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
