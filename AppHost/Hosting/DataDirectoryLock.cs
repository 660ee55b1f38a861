namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// One AppHost per data folder: a second one would take the first one's children for leftovers
/// and kill them. The lock is an exclusive open (flock on Linux), released by the kernel even
/// when the AppHost is killed.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "run", "apphost.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new DistributedApplicationException(
                $"Another AppHost is running with the data folder {dataDirectory}. Stop it, or set AppHost:DataDirectory to another folder.");
        }
    }

    public void Dispose() => _stream.Dispose();
}
