using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CustomerPlatform.Web.Tests;

/// <summary>
/// The app as it ships (<c>CONFIGURATION=Release ./run.sh</c>, which the app's Lighthouse budgets run against) is
/// trimmed, and the trimmer sees neither the lazily loaded chart assemblies' names nor what the app makes by reflection.
/// Published here once, in Release as the gateway publishes it, with plain .dll files instead of WebAssembly-wrapped
/// ones (<c>WasmEnableWebcil=false</c>) so the assemblies can be read; trimming is the same.
/// </summary>
public sealed class When_the_app_is_published_for_release(When_the_app_is_published_for_release.Publish published)
    : IClassFixture<When_the_app_is_published_for_release.Publish>
{
    [Fact]
    public void Should_publish()
    {
        Assert.True(published.ExitCode == 0, $"dotnet publish exited with {published.ExitCode}:\n{published.Output}");
    }

    [Fact]
    public void Should_ship_as_lazy_exactly_the_assemblies_the_trimmed_app_asks_for()
    {
        Assert.Equal(0, published.ExitCode);
        var lazy = published.LazyAssemblies().Select(name => Path.ChangeExtension(name, ".wasm")).Order().ToList();
        var asked = published.UserStrings("CustomerPlatform.Web").Where(s => s.EndsWith(".wasm", StringComparison.Ordinal)).Order().ToList();

        Assert.Contains("Radzen.Blazor.wasm", lazy);
        Assert.Equal(lazy, asked);
        foreach (var name in lazy)
            Assert.True(File.Exists(published.Framework(Path.ChangeExtension(name, ".dll"))), $"{name} is marked lazy but not shipped");
    }

    [Fact]
    public void Should_keep_the_constructors_of_the_chart_services_made_by_name()
    {
        Assert.Equal(0, published.ExitCode);
        using var stream = File.OpenRead(published.Framework("Radzen.Blazor.dll"));
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();

        foreach (var service in Charts.Services)
        {
            var type = reader.TypeDefinitions.Select(reader.GetTypeDefinition)
                .Single(t => $"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}" == service);
            var constructors = type.GetMethods().Select(reader.GetMethodDefinition)
                .Where(m => reader.GetString(m.Name) == ".ctor" && (m.Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public);
            Assert.True(constructors.Any(), $"the trimmed {service} has no public constructor left to make it with");
        }
    }

    public sealed class Publish : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("app-release-").FullName;

        public int ExitCode { get; }
        public string Output { get; }

        public Publish()
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "CustomerPlatform.sln")))
                root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository's root was not found");

            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { "publish", Path.Combine(root, "web", "CustomerPlatform.Web.csproj"), "-c", "Release", "-o", _directory,
                                 "-p:WasmEnableWebcil=false", "-nologo", "-clp:ErrorsOnly", "-v:q" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // The test host's own MSBuild settings would point the child build at the test run's SDK resolution.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(name);

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            Output = process.StandardOutput.ReadToEnd() + error.Result;
            process.WaitForExit();
            ExitCode = process.ExitCode;
        }

        public string Framework(string virtualPath)
        {
            var stem = Path.GetFileNameWithoutExtension(virtualPath);
            var files = Directory.GetFiles(Path.Combine(_directory, "wwwroot", "_framework"), $"{stem}.*{Path.GetExtension(virtualPath)}")
                .Where(f => Regex.IsMatch(Path.GetFileName(f), $@"^{Regex.Escape(stem)}\.[a-z0-9]+{Regex.Escape(Path.GetExtension(virtualPath))}$"))
                .ToList();
            return files.Count == 1 ? files[0] : Path.Combine(_directory, "wwwroot", "_framework", virtualPath);
        }

        /// <summary>The boot configuration's lazy assemblies (it is inlined in dotnet.js).</summary>
        public IReadOnlyList<string> LazyAssemblies()
        {
            var script = File.ReadAllText(Directory.GetFiles(Path.Combine(_directory, "wwwroot", "_framework"), "dotnet.*.js")
                .Single(f => Regex.IsMatch(Path.GetFileName(f), @"^dotnet\.[a-z0-9]+\.js$")));
            var match = Regex.Match(script, @"""lazyAssembly"":\s*(\[[^\]]*\])");
            Assert.True(match.Success, "dotnet.js has no lazyAssembly list");
            return JsonDocument.Parse(match.Groups[1].Value).RootElement.EnumerateArray()
                .Select(a => a.GetProperty("virtualPath").GetString()!).ToList();
        }

        /// <summary>The string literals of a published assembly.</summary>
        public IReadOnlyList<string> UserStrings(string assembly)
        {
            using var stream = File.OpenRead(Framework($"{assembly}.dll"));
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var strings = new List<string>();
            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
                strings.Add(reader.GetUserString(handle));
            return strings;
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
