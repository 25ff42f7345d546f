return Ballast.Cli.BallastCommand.Run(args);
