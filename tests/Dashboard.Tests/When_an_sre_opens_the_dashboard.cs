using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text.Json;
using CustomerPlatform.AppHost.Dashboard;
using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.Dashboard.Tests;

public sealed class When_an_sre_opens_the_dashboard : IAsyncLifetime
{
    private readonly FakeResourceMonitor _monitor = SamplePlatform.Create();
    private readonly DashboardHost _dashboard;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(15));

    public When_an_sre_opens_the_dashboard()
    {
        _dashboard = new DashboardHost(_monitor, new DashboardOptions { Port = 0 });
        // Redirects and cookies are handled by hand so each test sees exactly what the browser would get.
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    }

    public async Task InitializeAsync()
    {
        await _dashboard.StartAsync(_timeout.Token);
        _http.BaseAddress = _dashboard.Url;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _dashboard.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Should_refuse_api_calls_without_the_token()
    {
        var response = await _http.GetAsync("api/resources");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_send_a_signed_out_browser_to_the_login_page()
    {
        var response = await _http.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Should_refuse_a_wrong_login_token_and_show_the_login_form()
    {
        var response = await _http.GetAsync("login?t=not-the-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("name=\"token\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_sign_in_with_the_login_link_and_accept_the_cookie_afterwards()
    {
        Assert.Equal(new Uri(_dashboard.Url, $"login?t={_dashboard.BrowserToken}"), _dashboard.LoginUrl);

        var login = await _http.GetAsync(_dashboard.LoginUrl);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var request = new HttpRequestMessage(HttpMethod.Get, "api/resources");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Should_sign_in_through_the_login_form()
    {
        var login = await _http.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = _dashboard.BrowserToken }));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Single(login.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Should_accept_the_token_as_a_bearer_token()
    {
        var response = await _http.SendAsync(WithBearer(HttpMethod.Get, "api/resources"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Should_mask_secret_values_in_the_resource_list()
    {
        var json = await GetJson("api/resources");

        Assert.DoesNotContain(SamplePlatform.Password, json.GetRawText());
        var postgres = json.EnumerateArray().Single(resource => resource.GetProperty("name").GetString() == "postgres");
        Assert.Equal("Running", postgres.GetProperty("state").GetString());
        var variables = postgres.GetProperty("environment").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("value").GetString());
        Assert.Equal("••••••", variables["POSTGRES_PASSWORD"]);
        Assert.Equal("54320", variables["PGPORT"]);
    }

    [Fact]
    public async Task Should_reveal_secret_values_only_when_asked()
    {
        var masked = await GetJson("api/resources/postgres");
        var revealed = await GetJson("api/resources/postgres?reveal=true");

        Assert.DoesNotContain(SamplePlatform.Password, masked.GetRawText());
        Assert.Contains(SamplePlatform.Password, revealed.GetRawText());
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_resource()
    {
        var response = await _http.SendAsync(WithBearer(HttpMethod.Get, "api/resources/nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_pass_a_command_to_the_orchestrator()
    {
        var response = await _http.SendAsync(WithBearer(HttpMethod.Post, "api/resources/identity/commands/restart"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("identity", "restart"), Assert.Single(_monitor.Commands));
    }

    [Theory]
    [InlineData("api/resources/nope/commands/restart")]
    [InlineData("api/resources/identity/commands/explode")]
    public async Task Should_answer_404_for_an_unknown_resource_or_command(string path)
    {
        var response = await _http.SendAsync(WithBearer(HttpMethod.Post, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_monitor.Commands);
    }

    [Fact]
    public async Task Should_refuse_a_cookie_command_without_the_anti_forgery_header()
    {
        var cookie = await SignIn();

        var forged = new HttpRequestMessage(HttpMethod.Post, "api/resources/identity/commands/stop");
        forged.Headers.Add("Cookie", cookie);
        var fromPage = new HttpRequestMessage(HttpMethod.Post, "api/resources/identity/commands/stop");
        fromPage.Headers.Add("Cookie", cookie);
        fromPage.Headers.Add("X-Dashboard-Request", "1");

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(forged)).StatusCode);
        Assert.Empty(_monitor.Commands);
        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(fromPage)).StatusCode);
        Assert.Equal(("identity", "stop"), Assert.Single(_monitor.Commands));
    }

    [Fact]
    public async Task Should_return_the_console_lines_after_a_sequence()
    {
        var lines = await GetJson("api/resources/identity/logs?after=1");

        var line = Assert.Single(lines.EnumerateArray());
        Assert.Equal(2, line.GetProperty("sequence").GetInt64());
        Assert.Equal("identity-2", line.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Should_stream_a_console_line_written_after_connecting()
    {
        using var response = await _http.SendAsync(WithBearer(HttpMethod.Get, "api/resources/identity/logs/stream?after=1"), HttpCompletionOption.ResponseHeadersRead, _timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var events = SseParser.Create(await response.Content.ReadAsStreamAsync(_timeout.Token)).EnumerateAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("2", events.Current.EventId);

        _monitor.WriteLog("identity", "Unhandled exception: boom", isError: true, instance: "identity-1");

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("log", events.Current.EventType);
        Assert.Equal("3", events.Current.EventId);
        using var line = JsonDocument.Parse(events.Current.Data);
        Assert.Equal("Unhandled exception: boom", line.RootElement.GetProperty("text").GetString());
        Assert.True(line.RootElement.GetProperty("isError").GetBoolean());
    }

    [Fact]
    public async Task Should_stream_resource_changes_with_secrets_masked()
    {
        using var response = await _http.SendAsync(WithBearer(HttpMethod.Get, "api/resources/stream"), HttpCompletionOption.ResponseHeadersRead, _timeout.Token);
        await using var events = SseParser.Create(await response.Content.ReadAsStreamAsync(_timeout.Token)).EnumerateAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);
        for (var i = 0; i < _monitor.GetResources().Count; i++)
            Assert.True(await events.MoveNextAsync());

        var postgres = _monitor.GetResource("postgres")!;
        _monitor.Set(postgres with { State = ResourceState.Exited, Health = "Unknown", ExitCode = 1 });

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("resource", events.Current.EventType);
        Assert.DoesNotContain(SamplePlatform.Password, events.Current.Data);
        using var snapshot = JsonDocument.Parse(events.Current.Data);
        Assert.Equal("Exited", snapshot.RootElement.GetProperty("state").GetString());
        Assert.Equal(1, snapshot.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Should_end_live_streams_promptly_when_stopped()
    {
        using var response = await _http.SendAsync(WithBearer(HttpMethod.Get, "api/resources/stream"), HttpCompletionOption.ResponseHeadersRead, _timeout.Token);
        await using var events = SseParser.Create(await response.Content.ReadAsStreamAsync(_timeout.Token)).EnumerateAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);
        Assert.True(await events.MoveNextAsync());

        var stopping = Stopwatch.StartNew();
        await _dashboard.StopAsync(_timeout.Token);

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"Stopping took {stopping.Elapsed}.");
        while (await events.MoveNextAsync())
        {
            // The resources sent before the stop; the stream must then end rather than hang.
        }
    }

    [Fact]
    public async Task Should_serve_the_page_shell_with_security_headers()
    {
        var response = await _http.SendAsync(WithBearer(HttpMethod.Get, ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("CustomerPlatform", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [Fact]
    public async Task Should_serve_the_page_scripts_from_the_assembly()
    {
        var response = await _http.GetAsync("assets/app.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_name_the_port_and_the_setting_when_the_port_is_taken()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var second = new DashboardHost(_monitor, new DashboardOptions { Port = port });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync(_timeout.Token));

        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), error.Message);
        Assert.Contains("AppHost:Ports:Dashboard", error.Message);
    }

    private HttpRequestMessage WithBearer(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _dashboard.BrowserToken);
        return request;
    }

    private async Task<JsonElement> GetJson(string path)
    {
        var response = await _http.SendAsync(WithBearer(HttpMethod.Get, path));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<string> SignIn()
    {
        var login = await _http.GetAsync(_dashboard.LoginUrl);
        return login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }
}
