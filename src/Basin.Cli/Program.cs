using Basin.Cli;

return CliApp.Run(args);
