using System.CommandLine;

namespace Ballast.Cli;

public static class BallastCommand
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("Ballast: monthly industrial statistics — import, release, adjust, warn.");
        return root.Parse(args).Invoke();
    }
}
