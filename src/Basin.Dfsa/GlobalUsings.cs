global using System.Numerics;
global using Basin.Autodiff;
global using Basin.Tensors;
