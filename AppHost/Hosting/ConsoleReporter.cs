using System.Diagnostics;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// The AppHost's console: a line per resource whenever its state or health changes, and once
/// everything is healthy, the URLs a person opens and the time it took.
/// </summary>
internal sealed class ConsoleReporter(Func<IReadOnlyList<ResourceSnapshot>> resources, Func<IEnumerable<KeyValuePair<string, string>>> extraUrls)
{
    private readonly Dictionary<string, (ResourceState State, string? Health)> _printed = [];
    private readonly HashSet<string> _wasHealthy = [];
    private readonly Stopwatch _clock = new();
    private bool _announced;

    public void Started()
    {
        lock (_printed)
        {
            _clock.Restart();
            _announced = false;
        }
    }

    public void Write(string message)
    {
        lock (_printed)
        {
            Console.WriteLine($"[{_clock.Elapsed.TotalSeconds,5:0.0}s] {message}");
        }
    }

    public void OnChanged(ResourceSnapshot snapshot)
    {
        lock (_printed)
        {
            // Health is printed once known: Unknown, and failed checks before the first success, are only noise.
            var known = snapshot.Health == HealthStatus.Healthy || (snapshot.Health == HealthStatus.Unhealthy && _wasHealthy.Contains(snapshot.Name));
            var printed = _printed.GetValueOrDefault(snapshot.Name);
            if (printed.State == snapshot.State && (!known || printed.Health == snapshot.Health))
            {
                return;
            }

            _printed[snapshot.Name] = (snapshot.State, known ? snapshot.Health : printed.Health);
            if (snapshot.Health == HealthStatus.Healthy)
            {
                _wasHealthy.Add(snapshot.Name);
            }

            var health = known ? snapshot.Health : "";
            var detail = snapshot.State switch
            {
                ResourceState.FailedToStart => snapshot.Error,
                ResourceState.Exited => $"exit code {snapshot.ExitCode}",
                _ => snapshot.Endpoints.FirstOrDefault()?.Url,
            };
            Write($"{snapshot.Name,-15} {snapshot.Type,-17} {snapshot.State,-13} {health,-9} {detail}".TrimEnd());
            AnnounceWhenAllHealthy();
        }
    }

    private void AnnounceWhenAllHealthy()
    {
        var all = resources();
        if (_announced || all.Count == 0 || !all.All(r => r.State == ResourceState.Running && r.Health == HealthStatus.Healthy))
        {
            return;
        }

        _announced = true;
        Write($"All {all.Count} resources are healthy after {_clock.Elapsed.TotalSeconds:0.0} s.");
        var urls = all.SelectMany(r => r.Endpoints.Where(e => e.IsExternal).Select(e => KeyValuePair.Create($"{r.Name} ({e.Name})", e.Url)))
            .Concat(extraUrls());
        foreach (var (label, url) in urls)
        {
            Console.WriteLine($"         {label,-24} {url}");
        }
    }
}
