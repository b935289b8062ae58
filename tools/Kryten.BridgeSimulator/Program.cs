using Kryten.BridgeSimulator;

return await SimulatorCommand.CreateRoot().Parse(args).InvokeAsync().ConfigureAwait(false);
