using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AiPolicyHub.Tests.Shared;
using Xunit.Abstractions;

namespace AiPolicyHub.Core.Tests.Platform;

/// <summary>
/// The project is MIT-licensed, so no package it restores may carry a copyleft licence that would bind it (the AGPL or
/// the GPL). Reads what restore resolved (each project's obj/project.assets.json) and each package's .nuspec in the local
/// package folder: no network at test time.
/// </summary>
public sealed partial class PackageLicenceTests(ITestOutputHelper output)
{
    [Fact]
    public void No_restored_package_names_the_AGPL_or_the_GPL()
    {
        var packages = RestoredPackages();
        Assert.NotEmpty(packages);
        var refused = new List<string>();
        foreach (var (name, version, folder) in packages.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            var licence = LicenceOf(name, folder);
            output.WriteLine($"{name} {version}: {licence}");
            if (Copyleft().IsMatch(licence))
            {
                refused.Add($"{name} {version} ({licence})");
            }
        }
        Assert.True(refused.Count == 0,
            "These packages name a copyleft licence the MIT-licensed project cannot take; pin an earlier, permissively " +
            "licensed version in Directory.Packages.props or drop them: " + string.Join(", ", refused));
    }

    [Fact]
    public void PDFsharp_is_the_MIT_release()
    {
        var pdfsharp = Assert.Single(RestoredPackages().Where(p => p.Name == "PDFsharp").Distinct());
        Assert.Equal("6.2.4", pdfsharp.Version);
        Assert.Equal("MIT", LicenceOf(pdfsharp.Name, pdfsharp.Folder));
    }

    // GPL-2.0, GPL-3.0-only, AGPL-3.0-or-later, "GNU Affero General Public License" in a licence file or URL; not LGPL.
    [GeneratedRegex(@"(?<![L\w])A?GPL\b|GNU (Affero )?General Public License|licenses/(a?gpl)", RegexOptions.IgnoreCase)]
    private static partial Regex Copyleft();

    private static List<(string Name, string Version, string Folder)> RestoredPackages()
    {
        var found = new List<(string, string, string)>();
        var assetFiles = new[] { "src", "tests", "benchmarks" }
            .Select(d => Path.Combine(RepositoryPaths.Root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "project.assets.json", SearchOption.AllDirectories))
            .ToList();
        Assert.True(assetFiles.Count > 0, $"No project.assets.json under {RepositoryPaths.Root}: restore the solution first.");
        foreach (var file in assetFiles)
        {
            using var assets = JsonDocument.Parse(File.ReadAllText(file));
            var root = assets.RootElement;
            var folders = root.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
            foreach (var library in root.GetProperty("libraries").EnumerateObject())
            {
                if (library.Value.GetProperty("type").GetString() != "package")
                {
                    continue;
                }
                var parts = library.Name.Split('/');
                var path = library.Value.GetProperty("path").GetString()!;
                var folder = folders.Select(f => Path.Combine(f, path)).FirstOrDefault(Directory.Exists)
                    ?? throw new DirectoryNotFoundException($"{library.Name} (restored for {file}) is not in {string.Join(", ", folders)}.");
                found.Add((parts[0], parts[1], folder));
            }
        }
        return [.. found.Distinct()];
    }

    /// <summary>The licence expression, or for older packages the licence file's title or the licence URL.</summary>
    private static string LicenceOf(string name, string folder)
    {
        var nuspecFile = Directory.EnumerateFiles(folder, "*.nuspec").FirstOrDefault()
            ?? throw new FileNotFoundException($"{name} has no .nuspec in {folder}.");
        var metadata = XDocument.Load(nuspecFile).Root!.Elements().First(e => e.Name.LocalName == "metadata");
        var licence = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
        if (licence is not null && (string?)licence.Attribute("type") == "expression")
        {
            return licence.Value.Trim();
        }
        if (licence is not null && (string?)licence.Attribute("type") == "file")
        {
            var text = File.ReadAllText(Path.Combine(folder, licence.Value.Trim()));
            return "file: " + string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3).Select(l => l.Trim()));
        }
        return "url: " + (metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "licenseUrl")?.Value.Trim() ?? "none given");
    }
}
