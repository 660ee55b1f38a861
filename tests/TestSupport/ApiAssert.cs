using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;

namespace CustomerPlatform.TestSupport;

public static class ApiAssert
{
    /// <summary>A 400 problem details (RFC 9457) whose errors name <paramref name="field"/>.</summary>
    public static async Task BadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.NotNull(problem);
        Assert.Equal(400, problem.Status);
        Assert.True(problem.Errors.ContainsKey(field), $"errors name {string.Join(", ", problem.Errors.Keys)}, not {field}");
    }

    /// <summary>The status <paramref name="expected"/>; else the failure shows the body that came instead.</summary>
    public static void Status(HttpStatusCode expected, HttpResponseMessage response) =>
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
}
