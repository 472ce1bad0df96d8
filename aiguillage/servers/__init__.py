"""What starts the processes: `rasa_server` (Rasa with Aiguillage's safeguards), `action_server` (rasa-sdk after
checking the knowledge base) and `startup_check` (the tracker store and the deployment file, before Rasa starts)."""
