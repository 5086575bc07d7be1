namespace AiPolicyHub.Tests.Shared;

/// <summary>
/// Where the tests find the repository and the workplace's shared folder beside it (<c>../shared</c>). Found from the
/// test assembly's folder up to the directory that holds AiPolicyHub.sln, never from a fixed path, so a clone anywhere
/// works; a missing dataset fails the test with a message that says where it was looked for.
/// </summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "AiPolicyHub.sln";

    /// <summary>The repository root: the nearest folder above the test assembly that holds AiPolicyHub.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared datasets, <c>../shared/datasets</c> beside the repository.</summary>
    public static string Datasets => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets"));

    /// <summary>A file or folder under the shared datasets; throws with a clear message when it is not there.</summary>
    public static string Dataset(params string[] parts)
    {
        var path = Path.Combine([Datasets, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"The shared dataset '{Path.Combine(parts)}' is missing: looked for {path}. The datasets belong to the " +
                $"workplace and sit beside the repository in ../shared/datasets (the repository is {Root}); put them " +
                "there (or clone the repository beside the shared folder) and run the tests again.", path);
        }
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"The tests run from {AppContext.BaseDirectory}, which is not inside the repository (no {SolutionFile} above it).");
    }
}
