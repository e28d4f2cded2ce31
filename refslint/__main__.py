from .cli import run

# Guarded: a spawned worker process imports the main module again (as `__mp_main__`).
if __name__ == "__main__":
    run()
