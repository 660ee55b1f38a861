using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;

namespace CustomerPlatform.Ticketing.Tests;

public static class ApiAssert
{
    /// <summary>A 400 problem details (RFC 9457) whose errors name <paramref name="field"/>.</summary>
    public static async Task BadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.NotNull(problem);
        Assert.True(problem.Errors.ContainsKey(field), $"errors name {string.Join(", ", problem.Errors.Keys)}, not {field}");
    }
}
