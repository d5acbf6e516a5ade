"""Who works where: users and their roles, the council's services and teams."""
